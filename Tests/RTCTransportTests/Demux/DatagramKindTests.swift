import PropertyBased
import Testing

@testable import RTCTransport

@Suite struct DatagramKindTests {
    @Test func realPacketsAreClassified() throws {
        #expect(DatagramKind(classifying: PacketFixtures.rfc5769Request) == .stun)
        #expect(DatagramKind(classifying: PacketFixtures.rfc5769IPv4Response) == .stun)
        #expect(DatagramKind(classifying: RTPPacketTests.opusPacket) == .rtp)
        #expect(DatagramKind(classifying: RTCPFixtures.browserCompound) == .rtcp)
        let bye = try RTCPPacket.goodbye(Goodbye(sources: [1])).serialized()
        #expect(DatagramKind(classifying: bye) == .rtcp)
        let clientHello: [UInt8] = [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(DatagramKind(classifying: clientHello) == .dtls)
    }

    @Test func everyFirstByteFallsInItsRFC7983Range() async {
        await propertyCheck(count: 500, input: Gen.uint8(), Gen.uint8()) { first, second in
            let kind = DatagramKind(classifying: [first, second, 0, 0])
            switch first {
            case 0...3: #expect(kind == .stun)
            case 20...63: #expect(kind == .dtls)
            case 128...191: #expect(kind == ((192...223).contains(second) ? .rtcp : .rtp))
            default: #expect(kind == .unknown)
            }
        }
    }

    @Test func shortDatagramsAreHandled() {
        #expect(DatagramKind(classifying: [UInt8]()) == .unknown)
        #expect(DatagramKind(classifying: [0x80]) == .unknown)
        #expect(DatagramKind(classifying: [0x00]) == .stun)
        #expect(DatagramKind(classifying: [0x80, 0xC8]) == .rtcp)
        #expect(DatagramKind(classifying: [0x80, 0xBF]) == .rtp)
        #expect(DatagramKind(classifying: [0x80, 0xE0]) == .rtp)
        #expect(DatagramKind(classifying: [0x40, 0xC8]) == .unknown)
    }
}
