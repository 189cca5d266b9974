import Testing

@testable import RTCTransport

@Suite struct CompoundPacketTests {
    let rr: [UInt8]
    let bye: [UInt8]
    let sdes: [UInt8]

    init() throws {
        rr = try RTCPPacket.receiverReport(ReceiverReport(ssrc: 0x1111)).serialized()
        bye = try RTCPPacket.goodbye(Goodbye(sources: [0x1111], reason: "exit")).serialized()
        sdes = try RTCPPacket.sourceDescription(SourceDescription(source: 0x1111, cname: "c")).serialized()
    }

    @Test func theLeavePacketIsAnRRFollowedByABYE() throws {
        let packets = try CompoundPacket(parsing: rr + bye).packets
        #expect(packets.map(\.packetType) == [.receiverReport, .goodbye])
        #expect(packets.last == .goodbye(Goodbye(sources: [0x1111], reason: "exit")))
    }

    @Test func aBareBYEIsAccepted() throws {
        #expect(try CompoundPacket(parsing: bye).packets == [.goodbye(Goodbye(sources: [0x1111], reason: "exit"))])
    }

    @Test func reducedSizeFeedbackIsAccepted() throws {
        let pli = try RTCPPacket.pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: 2)).serialized()
        #expect(try CompoundPacket(parsing: pli).packets.count == 1)
    }

    @Test func aCompoundMustNotStartWithSDES() {
        #expect(throws: TransportError.malformed(what: "RTCP compound packet", reason: "starts with packet type 202")) {
            try CompoundPacket(parsing: sdes + rr)
        }
    }

    @Test func paddingIsStrippedFromTheLastPacketOnly() throws {
        var paddedBye = PacketFixtures.bytes(hex: "a1 cb 00 02 00 00 11 11 00 00 00 04")
        #expect(try CompoundPacket(parsing: rr + paddedBye).packets.last == .goodbye(Goodbye(sources: [0x1111])))
        #expect(throws: TransportError.self) { try CompoundPacket(parsing: paddedBye + rr) }
        paddedBye[11] = 5
        #expect(throws: TransportError.self) { try CompoundPacket(parsing: rr + paddedBye) }
        paddedBye[11] = 0
        #expect(throws: TransportError.self) { try CompoundPacket(parsing: rr + paddedBye) }
    }

    @Test func lengthsMustAddUpToTheDatagram() {
        #expect(throws: TransportError.self) { try CompoundPacket(parsing: rr + [0x81, 0xcb]) }
        #expect(throws: TransportError.self) { try CompoundPacket(parsing: [UInt8]()) }
        var long = rr
        long[3] = 2
        #expect(throws: TransportError.self) { try CompoundPacket(parsing: long) }
    }

    @Test func everyPacketMustBeVersionTwo() {
        var second = bye
        second[0] = 0x41
        #expect(throws: TransportError.unsupported(what: "RTCP version", value: 1)) { try CompoundPacket(parsing: rr + second) }
    }
}
