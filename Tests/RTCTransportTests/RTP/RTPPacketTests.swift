import Testing

@testable import RTCTransport

@Suite struct RTPPacketTests {
    /// V=2 X=1, PT 111, seq 0x1234, ts 960, SSRC 0xDEADBEEF, one-byte extension with the audio
    /// level (ID 1, V=1, 37 -dBov) and two padding bytes, then a 3-byte payload.
    static let opusPacket = PacketFixtures.bytes(hex: """
        90 6f 12 34 00 00 03 c0 de ad be ef
        be de 00 01 10 a5 00 00
        01 02 03
        """)

    @Test func layoutReadsTheFieldsInPlace() throws {
        let layout = try RTPPacketLayout(parsing: Self.opusPacket)
        #expect(!layout.marker)
        #expect(layout.payloadType == 111)
        #expect(layout.sequenceNumber == 0x1234)
        #expect(layout.timestamp == 960)
        #expect(layout.ssrc == 0xDEAD_BEEF)
        #expect(layout.csrcCount == 0)
        #expect(layout.extensionProfile == 0xBEDE)
        #expect(layout.extensionRange == 16..<20)
        #expect(layout.headerLength == 20)
        #expect(layout.payloadRange == 20..<23)
        #expect(layout.paddingLength == 0)
        #expect(layout.extensionElement(id: 1, in: Self.opusPacket) == 17..<18)
        #expect(layout.extensionElement(id: 2, in: Self.opusPacket) == nil)
        #expect(layout.audioLevel(in: Self.opusPacket) == AudioLevel(level: 37, voiceActivity: true))
    }

    @Test func headerBuiltWithAnAudioLevelSerializesToTheSameBytes() throws {
        var header = RTPHeader(payloadType: 111, sequenceNumber: 0x1234, timestamp: 960, ssrc: 0xDEAD_BEEF)
        header.setAudioLevel(AudioLevel(level: 37, voiceActivity: true))
        let packet = RTPPacket(header: header, payload: [1, 2, 3])
        #expect(try packet.serialized() == Self.opusPacket)
        #expect(try RTPPacket(parsing: Self.opusPacket) == packet)
        #expect(try RTPHeader(parsing: Self.opusPacket).audioLevel() == AudioLevel(level: 37, voiceActivity: true))
    }

    @Test func serializingIntoACallerBufferMatchesAndChecksCapacity() throws {
        let packet = try RTPPacket(parsing: Self.opusPacket)
        var buffer = [UInt8](repeating: 0xFF, count: 64)
        let written = try buffer.withUnsafeMutableBytes { try packet.serialize(into: $0) }
        #expect(Array(buffer[0..<written]) == Self.opusPacket)
        var small = [UInt8](repeating: 0, count: 22)
        #expect(throws: TransportError.bufferTooSmall(needed: 23, capacity: 22)) {
            try small.withUnsafeMutableBytes { try packet.serialize(into: $0) }
        }
        let headerLength = try buffer.withUnsafeMutableBytes { try packet.header.serialize(into: $0) }
        #expect(headerLength == 20)
    }

    @Test func paddingIsExcludedFromThePayload() throws {
        let packet = RTPPacket(
            header: RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3, marker: true),
            payload: [9, 9], paddingLength: 4)
        let bytes = try packet.serialized()
        #expect(bytes == [0xA0, 0x80, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 9, 9, 0, 0, 0, 4])
        let layout = try RTPPacketLayout(parsing: bytes)
        #expect(layout.marker && layout.payloadRange == 12..<14 && layout.paddingLength == 4)
        #expect(try RTPPacket(parsing: bytes) == packet)
    }

    @Test func csrcsAreReadInPlaceAndCopied() throws {
        let header = RTPHeader(payloadType: 96, sequenceNumber: 7, timestamp: 8, ssrc: 9, csrcs: [0x0A0B_0C0D, 42])
        let bytes = try header.serialized()
        #expect(bytes[0] == 0x82)
        let layout = try RTPPacketLayout(parsing: bytes)
        #expect(layout.csrcCount == 2 && layout.headerLength == 20)
        #expect(layout.csrc(at: 0, in: bytes) == 0x0A0B_0C0D && layout.csrc(at: 1, in: bytes) == 42)
        #expect(try RTPHeader(parsing: bytes) == header)
    }

    @Test func twoByteExtensionsCarryLongAndEmptyElements() throws {
        let block = RTPHeaderExtension.twoByte(appBits: 3, [
            RTPExtensionElement(id: 200, data: Array(repeating: 7, count: 20)),
            RTPExtensionElement(id: 1, data: [0x85]),
            RTPExtensionElement(id: 5, data: []),
        ])
        let header = RTPHeader(payloadType: 111, sequenceNumber: 1, timestamp: 1, ssrc: 1, headerExtension: block)
        let bytes = try header.serialized()
        #expect(Array(bytes[12..<16]) == [0x10, 0x03, 0x00, 0x07])  // 22 + 3 + 2 bytes, padded to 7 words
        let layout = try RTPPacketLayout(parsing: bytes)
        #expect(layout.audioLevel(in: bytes) == AudioLevel(level: 5, voiceActivity: true))
        #expect(layout.extensionElement(id: 5, in: bytes)?.isEmpty == true)
        #expect(try RTPHeader(parsing: bytes) == header)
    }

    @Test func oneByteParsingSkipsPaddingAndStopsAtID15() throws {
        let bytes = PacketFixtures.bytes(hex: "90 00 00 01 00 00 00 01 00 00 00 01 be de 00 02 00 20 ab 00 f0 30 cd 00")
        let header = try RTPHeader(parsing: bytes)
        #expect(header.headerExtension == .oneByte([RTPExtensionElement(id: 2, data: [0xAB])]))
        #expect(try RTPPacketLayout(parsing: bytes).extensionElement(id: 3, in: bytes) == nil)
    }

    @Test func otherProfilesAreKeptOpaque() throws {
        let header = RTPHeader(payloadType: 1, sequenceNumber: 1, timestamp: 1, ssrc: 1, headerExtension: .opaque(profile: 0x1234, data: [1, 2, 3, 4]))
        let bytes = try header.serialized()
        #expect(try RTPHeader(parsing: bytes) == header)
        #expect(try RTPPacketLayout(parsing: bytes).extensionElement(id: 1, in: bytes) == nil)
    }

    @Test func invalidValuesAreRefusedWhenSerializing() {
        let base = RTPHeader(payloadType: 1, sequenceNumber: 1, timestamp: 1, ssrc: 1)
        var header = base
        header.payloadType = 128
        #expect(throws: TransportError.invalidValue(what: "RTP payload type", value: 128)) { try header.serialized() }
        header = base
        header.csrcs = Array(repeating: 1, count: 16)
        #expect(throws: TransportError.self) { try header.serialized() }
        header = base
        header.headerExtension = .oneByte([RTPExtensionElement(id: 15, data: [1])])
        #expect(throws: TransportError.self) { try header.serialized() }
        header.headerExtension = .oneByte([RTPExtensionElement(id: 1, data: [])])
        #expect(throws: TransportError.self) { try header.serialized() }
        header.headerExtension = .twoByte(appBits: 16, [])
        #expect(throws: TransportError.self) { try header.serialized() }
        header.headerExtension = .opaque(profile: 1, data: [1])
        #expect(throws: TransportError.self) { try header.serialized() }
        #expect(throws: TransportError.self) { try RTPPacket(header: base, payload: [], paddingLength: 256).serialized() }
    }

    @Test func audioLevelEncodesVoiceActivityAndClampsTheLevel() {
        #expect(AudioLevel(level: 127, voiceActivity: true).byte == 0xFF)
        #expect(AudioLevel(level: 200, voiceActivity: false).level == 127)
        #expect(AudioLevel(byte: 0x05) == AudioLevel(level: 5, voiceActivity: false))
    }

    @Test func setAudioLevelReplacesTheExistingElement() {
        var header = RTPHeader(payloadType: 111, sequenceNumber: 1, timestamp: 1, ssrc: 1)
        header.setAudioLevel(AudioLevel(level: 10, voiceActivity: false))
        header.setAudioLevel(AudioLevel(level: 20, voiceActivity: true))
        #expect(header.headerExtension?.elements == [RTPExtensionElement(id: 1, data: [0x94])])
    }
}
