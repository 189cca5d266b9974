import Testing

@testable import RTCTransport

@Suite struct RTCPPacketTests {
    @Test func aBrowserCompoundParsesAndSerializesBackToTheSameBytes() throws {
        let compound = try CompoundPacket(parsing: RTCPFixtures.browserCompound)
        let report = ReceptionReport(
            ssrc: 0xBC5E_9A40, fractionLost: 0, cumulativeLost: 0, extendedHighestSequenceNumber: 0x46E1, jitter: 273,
            lastSenderReport: 0x09F3_6432, delaySinceLastSenderReport: 150_137)
        #expect(compound.packets == [
            .receiverReport(ReceiverReport(ssrc: 0x902F_9E2E, reports: [report])),
            .sourceDescription(SourceDescription(source: 0x902F_9E2E, cname: "{9c00eb92-1afb-9d49-a47d-91f64eee69f5}")),
            .goodbye(Goodbye(sources: [0x902F_9E2E])),
            .pictureLossIndication(PictureLossIndication(senderSSRC: 0x902F_9E2E, mediaSSRC: 0x902F_9E2E)),
            .unknown(UnknownRTCPPacket(packetType: .transportLayerFeedback, count: 5, body: [0x90, 0x2F, 0x9E, 0x2E, 0x90, 0x2F, 0x9E, 0x2E])),
            .applicationDefined(ApplicationDefined(subtype: 0, ssrc: 0x4BAA_E1AB, name: "NAME", data: Array("ABCD".utf8))),
        ])
        #expect(try compound.serialized() == RTCPFixtures.browserCompound)
        if case .sourceDescription(let sdes) = compound.packets[1] {
            #expect(sdes.chunks.first?.cname == "{9c00eb92-1afb-9d49-a47d-91f64eee69f5}")
        }
    }

    @Test func senderReportFieldsAndSignedLoss() throws {
        let bytes = PacketFixtures.bytes(hex: """
            81 c8 00 0c 00 00 00 2a e7 a3 3c 40 80 00 00 00 00 00 1e 00 00 00 00 32 00 00 1f 40
            00 00 00 07 80 ff ff ff 00 01 00 10 00 00 00 05 3c 40 80 00 00 00 80 00
            """)
        let compound = try CompoundPacket(parsing: bytes)
        let sr = SenderReport(
            ssrc: 42, ntpTimestamp: 0xE7A3_3C40_8000_0000, rtpTimestamp: 7680, packetCount: 50, octetCount: 8000,
            reports: [
                ReceptionReport(
                    ssrc: 7, fractionLost: 0x80, cumulativeLost: -1, extendedHighestSequenceNumber: 0x10010, jitter: 5,
                    lastSenderReport: 0x3C40_8000, delaySinceLastSenderReport: 0x8000)
            ])
        #expect(compound.packets == [.senderReport(sr)])
        #expect(sr.compactNTPTimestamp == 0x3C40_8000)
        #expect(try compound.serialized() == bytes)
    }

    @Test func cumulativeLossIsSaturatedToTwentyFourBits() throws {
        var report = ReceptionReport(
            ssrc: 1, fractionLost: 0, cumulativeLost: 10_000_000, extendedHighestSequenceNumber: 0, jitter: 0,
            lastSenderReport: 0, delaySinceLastSenderReport: 0)
        let high = try RTCPPacket.receiverReport(ReceiverReport(ssrc: 2, reports: [report])).serialized()
        #expect(Array(high[13..<16]) == [0x7F, 0xFF, 0xFF])
        report.cumulativeLost = -10_000_000
        let low = try RTCPPacket.receiverReport(ReceiverReport(ssrc: 2, reports: [report])).serialized()
        #expect(Array(low[13..<16]) == [0x80, 0x00, 0x00])
        guard case .receiverReport(let parsed) = try CompoundPacket(parsing: low).packets[0] else {
            Issue.record("not an RR")
            return
        }
        #expect(parsed.reports[0].cumulativeLost == -0x80_0000)
    }

    @Test func goodbyeWithAReasonIsPaddedToAWord() throws {
        let bye = RTCPPacket.goodbye(Goodbye(sources: [0x0102_0304], reason: "hello"))
        let bytes = try bye.serialized()
        #expect(bytes == PacketFixtures.bytes(hex: "81 cb 00 03 01 02 03 04 05 68 65 6c 6c 6f 00 00"))
        #expect(try CompoundPacket(parsing: bytes).packets == [bye])
    }

    @Test func nackPairsComeFromLostSequenceNumbers() throws {
        let nack = TransportLayerNACK(senderSSRC: 1, mediaSSRC: 2, lostSequenceNumbers: [100, 101, 116, 117, 200, 200])
        #expect(nack.pairs == [
            NACKPair(packetID: 100, lostBitmask: 0x8001), NACKPair(packetID: 117, lostBitmask: 0), NACKPair(packetID: 200, lostBitmask: 0),
        ])
        #expect(nack.lostSequenceNumbers == [100, 101, 116, 117, 200])
        let wrapping = TransportLayerNACK(senderSSRC: 1, mediaSSRC: 2, lostSequenceNumbers: [65535, 0, 1])
        #expect(wrapping.pairs == [NACKPair(packetID: 65535, lostBitmask: 0b11)])
        #expect(wrapping.lostSequenceNumbers == [65535, 0, 1])

        let bytes = try RTCPPacket.transportLayerNACK(nack).serialized()
        #expect(Array(bytes[0..<16]) == PacketFixtures.bytes(hex: "81 cd 00 05 00 00 00 01 00 00 00 02 00 64 80 01"))
        #expect(try CompoundPacket(parsing: bytes).packets == [.transportLayerNACK(nack)])
    }

    @Test func aNACKWithoutPairsIsRefused() {
        #expect(throws: TransportError.self) {
            try RTCPPacket.transportLayerNACK(TransportLayerNACK(senderSSRC: 1, mediaSSRC: 2, pairs: [])).serialized()
        }
        #expect(throws: TransportError.self) {
            try CompoundPacket(parsing: PacketFixtures.bytes(hex: "81 cd 00 02 00 00 00 01 00 00 00 02"))
        }
    }

    @Test func pictureLossIndicationHasItsTypeAndFormat() throws {
        let bytes = try RTCPPacket.pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: 2)).serialized()
        #expect(bytes == PacketFixtures.bytes(hex: "81 ce 00 02 00 00 00 01 00 00 00 02"))
    }

    @Test func sdesChunksWithoutItemsStillEndInANullWord() throws {
        let sdes = RTCPPacket.sourceDescription(SourceDescription(chunks: [
            SourceDescriptionChunk(source: 5, items: []),
            SourceDescriptionChunk(source: 6, items: [SourceDescriptionItem(type: SourceDescriptionItem.tool, text: "ab")]),
        ]))
        let bytes = try sdes.serialized()
        #expect(bytes == PacketFixtures.bytes(hex: "82 ca 00 05 00 00 00 05 00 00 00 00 00 00 00 06 06 02 61 62 00 00 00 00"))
        let rr = RTCPPacket.receiverReport(ReceiverReport(ssrc: 5))
        #expect(try CompoundPacket(parsing: try rr.serialized() + bytes).packets == [rr, sdes])
    }

    @Test func invalidValuesAreRefusedWhenSerializing() {
        let tooMany = ReceiverReport(ssrc: 1, reports: Array(repeating: ReceptionReport(ssrc: 1, fractionLost: 0, cumulativeLost: 0, extendedHighestSequenceNumber: 0, jitter: 0, lastSenderReport: 0, delaySinceLastSenderReport: 0), count: 32))
        #expect(throws: TransportError.invalidValue(what: "RTCP count field of packet type 201", value: 32)) {
            try RTCPPacket.receiverReport(tooMany).serialized()
        }
        #expect(throws: TransportError.self) { try RTCPPacket.receiverReport(ReceiverReport(ssrc: 1, profileExtensions: [1])).serialized() }
        #expect(throws: TransportError.self) { try RTCPPacket.goodbye(Goodbye(sources: [], reason: String(repeating: "x", count: 256))).serialized() }
        #expect(throws: TransportError.self) { try RTCPPacket.applicationDefined(ApplicationDefined(subtype: 0, ssrc: 1, name: "NAMES", data: [])).serialized() }
        #expect(throws: TransportError.self) { try RTCPPacket.applicationDefined(ApplicationDefined(subtype: 32, ssrc: 1, name: "NAME", data: [])).serialized() }
        let longItem = SourceDescriptionItem(type: 1, value: Array(repeating: 0x61, count: 256))
        #expect(throws: TransportError.self) {
            try RTCPPacket.sourceDescription(SourceDescription(chunks: [SourceDescriptionChunk(source: 1, items: [longItem])])).serialized()
        }
    }

    @Test func serializingIntoACallerBufferChecksCapacity() throws {
        let compound = try CompoundPacket(parsing: RTCPFixtures.browserCompound)
        var buffer = [UInt8](repeating: 0, count: 256)
        let written = try buffer.withUnsafeMutableBytes { try compound.serialize(into: $0) }
        #expect(Array(buffer[0..<written]) == RTCPFixtures.browserCompound)
        var small = [UInt8](repeating: 0, count: 100)
        #expect(throws: TransportError.self) { try small.withUnsafeMutableBytes { try compound.serialize(into: $0) } }
    }
}
