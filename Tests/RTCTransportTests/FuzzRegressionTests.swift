import Testing

import RTCTransport

/// Inputs libFuzzer found (Fuzz/, Docs/fuzzing.md) that trapped or broke an invariant, kept so they stay fixed.
@Suite struct FuzzRegressionTests {
    /// FuzzRTCP: the padding bit on a packet whose length field is 0 (an empty body) trapped on the
    /// range `1...0` while checking the padding count, which it had read from the packet's own header.
    @Test func rtcpPaddingBitOnAnEmptyBodyThrows() throws {
        #expect(throws: TransportError.malformed(what: "RTCP packet", reason: "padding count 0 in a 0-byte body")) {
            try CompoundPacket(parsing: [0xA1, 0xC8, 0x00, 0x00])
        }
        let rr = try RTCPPacket.receiverReport(ReceiverReport(ssrc: 0x1111)).serialized()
        #expect(throws: TransportError.malformed(what: "RTCP packet", reason: "padding count 0 in a 0-byte body")) {
            try CompoundPacket(parsing: rr + [0xA0, 0xCB, 0x00, 0x00])
        }
    }

    /// FuzzDTLS: a fingerprint pair written with a sign ("+F", "-0") parsed, because `UInt8(_:radix:)`
    /// accepts one; RFC 8122 §5 allows only two hex digits per pair.
    @Test(arguments: ["+F", "-0", "+0", "-F"])
    func fingerprintPairsAreHexDigitsOnly(_ pair: String) {
        let text = "sha-256 " + ([pair] + Array(repeating: "AB", count: 31)).joined(separator: ":")
        #expect(throws: TransportError.malformed(what: "DTLS fingerprint", reason: "\"\(pair)\" is not a hex byte")) {
            try DTLSFingerprint(parsing: text)
        }
    }
}
