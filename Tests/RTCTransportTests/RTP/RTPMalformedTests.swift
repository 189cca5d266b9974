import PropertyBased
import Testing

@testable import RTCTransport

@Suite struct RTPMalformedTests {
    @Test func truncationsThrowInsideTheHeaderAndNeverTrap() async throws {
        await propertyCheck(count: 200, input: RTPGenerators.packet) { packet in
            let bytes = try packet.serialized()
            for length in 0..<bytes.count {
                let prefix = Array(bytes[0..<length])
                if length < packet.header.serializedLength {
                    #expect(throws: TransportError.self) { try RTPPacketLayout(parsing: prefix) }
                    #expect(throws: TransportError.self) { try RTPPacket(parsing: prefix) }
                } else {
                    _ = try? RTPPacket(parsing: prefix)
                }
            }
        }
    }

    @Test func versionOtherThanTwoIsRefused() {
        #expect(throws: TransportError.unsupported(what: "RTP version", value: 1)) {
            try RTPPacketLayout(parsing: [0x40] + Array(repeating: 0, count: 11))
        }
    }

    @Test func impossiblePaddingIsRefused() throws {
        let header: [UInt8] = [0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]
        #expect(throws: TransportError.self) { try RTPPacketLayout(parsing: header) }
        #expect(throws: TransportError.self) { try RTPPacketLayout(parsing: header + [1, 2, 0]) }
        #expect(throws: TransportError.self) { try RTPPacketLayout(parsing: header + [1, 2, 4]) }
        #expect(try RTPPacketLayout(parsing: header + [1, 2, 3]).payloadRange == 12..<12)
    }

    @Test func anExtensionElementRunningPastItsBlockIsRefusedWhenCopying() throws {
        let bytes = PacketFixtures.bytes(hex: "90 00 00 01 00 00 00 01 00 00 00 01 be de 00 01 13 aa bb cc")
        #expect(throws: TransportError.self) { try RTPHeader(parsing: bytes) }
        let layout = try RTPPacketLayout(parsing: bytes)
        #expect(layout.extensionElement(id: 1, in: bytes) == nil)
    }

    @Test func randomGarbageNeverTraps() async {
        await propertyCheck(count: 3000, input: Gen<UInt8>.value(in: 0...255).array(of: 0...80)) { garbage in
            var bytes = garbage
            if bytes.count > 0 { bytes[0] = 0x80 | (bytes[0] & 0x3F) }
            _ = try? RTPPacket(parsing: bytes)
            if let layout = try? RTPPacketLayout(parsing: bytes) {
                for id in 0...15 { _ = layout.extensionElement(id: UInt8(id), in: bytes) }
                _ = layout.audioLevel(in: bytes)
            }
        }
    }
}
