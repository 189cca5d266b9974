import COpenSSL
import Testing

@testable import RTCTransport

@Suite struct RFC5769Tests {
    let transactionID = STUNTransactionID(bytes: PacketFixtures.bytes(hex: "b7 e7 a7 01 bc 34 d6 86 fa 87 df ae"))!

    @Test func sampleRequestDecodesAndVerifies() throws {
        let message = try STUNMessage(decoding: PacketFixtures.rfc5769Request)
        #expect(message.type == .bindingRequest)
        #expect(message.transactionID == transactionID)
        #expect(message.software == "STUN test client")
        #expect(message.priority == 0x6E00_01FF)
        #expect(message.iceRole == .controlled(tieBreaker: 0x932F_F9B1_5126_3B36))
        #expect(message.username == "evtj:h6vY")
        #expect(!message.useCandidate)
        #expect(message.hasMessageIntegrity && message.hasFingerprint)
        #expect(message.verifyIntegrity(key: PacketFixtures.rfc5769Password))
        #expect(!message.verifyIntegrity(key: Array("VOkJxbRl1RmTxUk/WvJxBu".utf8)))
        #expect(message.verifyFingerprint())
    }

    @Test func ipv4ResponseDecodesAndVerifies() throws {
        let message = try STUNMessage(decoding: PacketFixtures.rfc5769IPv4Response)
        #expect(message.type == .bindingSuccessResponse)
        #expect(message.software == "test vector")
        #expect(message.xorMappedAddress == TransportAddress(host: "192.0.2.1", port: 32853))
        #expect(message.verifyIntegrity(key: PacketFixtures.rfc5769Password))
        #expect(message.verifyFingerprint())
    }

    @Test func ipv6ResponseDecodesAndVerifies() throws {
        let message = try STUNMessage(decoding: PacketFixtures.rfc5769IPv6Response)
        #expect(message.type == .bindingSuccessResponse)
        #expect(message.xorMappedAddress == TransportAddress(host: "2001:db8:1234:5678:11:2233:4455:6677", port: 32853))
        #expect(message.verifyIntegrity(key: PacketFixtures.rfc5769Password))
        #expect(message.verifyFingerprint())
    }

    /// §2.4: the key is MD5(username ":" realm ":" SASLprep(password)); SASLprep of the
    /// password "The\u{AA}M\u{AA}tr\u{2168}" is "TheMatrIX".
    @Test func longTermRequestVerifiesWithTheMD5Key() throws {
        let message = try STUNMessage(decoding: PacketFixtures.rfc5769LongTermRequest)
        #expect(message.username == "\u{30DE}\u{30C8}\u{30EA}\u{30C3}\u{30AF}\u{30B9}")
        #expect(message.attributes.contains(.other(type: STUNAttributeType(rawValue: 0x0014), value: Array("example.org".utf8))))
        #expect(message.attributes.contains(.other(type: STUNAttributeType(rawValue: 0x0015), value: Array("f//499k954d6OL34oL9FSTvy64sA".utf8))))
        #expect(!message.hasFingerprint && !message.verifyFingerprint())
        let key = md5(Array("\(message.username!):example.org:TheMatrIX".utf8))
        #expect(message.verifyIntegrity(key: key))
        #expect(!message.verifyIntegrity(key: md5(Array("\(message.username!):example.org:TheMatrix".utf8))))
    }

    /// Our encoder produces the RFC's XOR-MAPPED-ADDRESS bytes for both families.
    @Test func xorMappedAddressEncodesToTheVectorBytes() throws {
        for (vector, host, attributeOffset) in [
            (PacketFixtures.rfc5769IPv4Response, "192.0.2.1", 36),
            (PacketFixtures.rfc5769IPv6Response, "2001:db8:1234:5678:11:2233:4455:6677", 36),
        ] {
            let address = try #require(TransportAddress(host: host, port: 32853))
            let encoded = try STUNMessage.bindingSuccessResponse(transactionID: transactionID, mappedAddress: address).encoded()
            let length = Int(vector[attributeOffset + 2]) << 8 | Int(vector[attributeOffset + 3])
            #expect(encoded[20...] == vector[attributeOffset..<attributeOffset + 4 + length])
        }
    }

    private func md5(_ data: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        #expect(EVP_Digest(data, data.count, &digest, &length, EVP_md5(), nil) == 1)
        return Array(digest[0..<Int(length)])
    }
}
