import RTCTransport

/// Swift-only rows: an ICE connectivity check (STUN Binding request, RFC 8445 §7.1.1) as a browser sends it.
enum STUNLoops {
    /// The remote password: the MESSAGE-INTEGRITY key (RFC 8445 §7.2.2).
    static let password = Array("Bq6PzH1bUgIUomkZHRbvJfWS".utf8)

    /// USERNAME, PRIORITY, ICE-CONTROLLING and USE-CANDIDATE, with a fixed transaction ID.
    static func request() -> STUNMessage {
        STUNMessage.bindingRequest(
            transactionID: STUNTransactionID(bytes: [0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae])!,
            username: "m6xT:pYqV", priority: 0x6e00_1eff, role: .controlling(tieBreaker: 0x932f_f9b1_5126_3b36),
            useCandidate: true)
    }

    /// Per iteration: decode the request's bytes, then check its FINGERPRINT and MESSAGE-INTEGRITY.
    static func parseAndVerify(iterations: Int) throws -> Double {
        let bytes = try request().encoded(integrityKey: password, fingerprint: true)
        var verified = 0
        let time = try ThreadCPUClock.perOperation(iterations: iterations) { _ in
            let message = try STUNMessage(decoding: bytes)
            if message.verifyFingerprint() && message.verifyIntegrity(key: password) { verified &+= 1 }
        }
        guard verified == iterations else {
            throw BenchError.mismatch(operation: "STUN verify", detail: "\(iterations - verified) requests failed")
        }
        return time
    }

    /// Per iteration: encode the request with MESSAGE-INTEGRITY and FINGERPRINT.
    static func serialize(iterations: Int) throws -> Double {
        let message = request()
        var written = 0
        let time = try ThreadCPUClock.perOperation(iterations: iterations) { _ in
            written &+= try message.encoded(integrityKey: password, fingerprint: true).count
        }
        guard written > 0 else { throw BenchError.mismatch(operation: "STUN serialize", detail: "nothing written") }
        return time
    }
}
