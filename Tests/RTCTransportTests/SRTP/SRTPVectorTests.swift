import Testing
@testable import RTCTransport

/// libsrtp's own reference packets (test/srtp_driver.c: srtp_validate, srtp_validate_gcm), protected with the
/// RFC 3711 appendix B.3 master key and salt (AES-CM) and libsrtp's GCM test key.
@Suite struct SRTPVectorTests {
    static let rtpPlaintext = hex("800f1234decafbadcafebabe" + String(repeating: "ab", count: 16))
    static let rtcpPlaintext = hex("81c8000bcafebabe" + String(repeating: "ab", count: 16))

    static let cmKey = SRTPKeyMaterial(
        masterKey: hex("e1f97a0d3e018be0d64fa32c06de4139"), masterSalt: hex("0ec675ad498afeebb6960b3aabe6"))
    static let cmSRTP = hex("800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb")
    static let cmSRTCP = hex("81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798")

    static let gcmKey = SRTPKeyMaterial(
        masterKey: hex("000102030405060708090a0b0c0d0e0f"), masterSalt: hex("a0a1a2a3a4a5a6a7a8a9aaab"))
    static let gcmSRTP = hex("800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392")
    static let gcmSRTCP = hex(
        "81c8000bcafebabec98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001")

    @Test(arguments: [
        (SRTPProfile.aesCM128HMACSHA1_80, cmKey, cmSRTP, cmSRTCP),
        (SRTPProfile.aeadAES128GCM, gcmKey, gcmSRTP, gcmSRTCP),
    ])
    func protectMatchesReference(profile: SRTPProfile, key: SRTPKeyMaterial, srtp: [UInt8], srtcp: [UInt8]) throws {
        let outbound = try SRTPContext(profile: profile, direction: .outbound, keyMaterial: key)
        var rtp = Self.rtpPlaintext
        try outbound.protectRTP(&rtp)
        #expect(rtp == srtp)
        var rtcp = Self.rtcpPlaintext
        try outbound.protectRTCP(&rtcp)
        #expect(rtcp == srtcp)
    }

    @Test(arguments: [
        (SRTPProfile.aesCM128HMACSHA1_80, cmKey, cmSRTP, cmSRTCP),
        (SRTPProfile.aeadAES128GCM, gcmKey, gcmSRTP, gcmSRTCP),
    ])
    func unprotectMatchesReference(profile: SRTPProfile, key: SRTPKeyMaterial, srtp: [UInt8], srtcp: [UInt8]) throws {
        let inbound = try SRTPContext(profile: profile, direction: .inbound, keyMaterial: key)
        var rtp = srtp
        try inbound.unprotectRTP(&rtp)
        #expect(rtp == Self.rtpPlaintext)
        var rtcp = srtcp
        try inbound.unprotectRTCP(&rtcp)
        #expect(rtcp == Self.rtcpPlaintext)
    }
}

/// Bytes from a hex string (test data only).
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
}
