import Foundation
import Testing

@testable import RTCSignaling

/// The failure a verification throws, nil when it succeeds.
private func failure(_ body: () throws -> Void) -> UserSigFailure? {
    do {
        try body()
        return nil
    } catch {
        guard let error = error as? SignalingError, case .userSigRejected(let failure) = error else {
            Issue.record("not a UserSig failure: \(error)")
            return nil
        }
        #expect(error.code == .userSigCheckFailed)
        return failure
    }
}

/// A sig wrapping arbitrary JSON text, as an attacker could build one.
private func wrap(_ json: String) -> String {
    UserSigText.encodeBase64(Zlib.compress(Array(json.utf8)))
}

@Suite struct UserSigTests {
    let issuer = UserSigIssuer(sdkAppId: 1_400_000_000, secretKey: "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e")
    let now: Int64 = 1_700_000_000

    @Test func generatedSigVerifies() throws {
        let sig = issuer.generate(userId: "alice", expire: 3600, now: now)
        #expect(!sig.contains("+") && !sig.contains("/") && !sig.contains("="))
        let verified = try issuer.verify(sig, userId: "alice", now: now + 10)
        #expect(verified == UserSig(identifier: "alice", sdkAppId: 1_400_000_000, time: now, expire: 3600, userbuf: nil))
        #expect(verified.expiresAt == now + 3600)
    }

    @Test func userbufRoundTrips() throws {
        let userbuf = Data([0, 1, 2, 250, 255])
        let sig = issuer.generate(userId: "alice", expire: 60, userbuf: userbuf, now: now)
        #expect(try issuer.verify(sig, userId: "alice", now: now).userbuf == userbuf)
    }

    @Test func expiryIsExclusive() {
        let sig = issuer.generate(userId: "alice", expire: 60, now: now)
        #expect(failure { _ = try issuer.verify(sig, userId: "alice", now: now + 59) } == nil)
        #expect(failure { _ = try issuer.verify(sig, userId: "alice", now: now + 60) } == .expired(expiredAt: now + 60, now: now + 60))
    }

    @Test func wrongUserAndWrongAppAreNamed() {
        let sig = issuer.generate(userId: "alice", now: now)
        #expect(failure { _ = try issuer.verify(sig, userId: "bob", now: now) } == .identifierMismatch(expected: "bob", found: "alice"))
        let otherApp = UserSigIssuer(sdkAppId: 1_400_000_001, secretKey: "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e")
        #expect(
            failure { _ = try otherApp.verify(sig, userId: "alice", now: now) }
                == .sdkAppIdMismatch(expected: 1_400_000_001, found: 1_400_000_000))
    }

    @Test func anotherKeyIsASignatureMismatch() {
        let forger = UserSigIssuer(sdkAppId: 1_400_000_000, secretKey: "not the key")
        let sig = forger.generate(userId: "alice", now: now)
        #expect(failure { _ = try issuer.verify(sig, userId: "alice", now: now) } == .signatureMismatch)
    }

    @Test func alteredFieldsBreakTheSignature() throws {
        let sig = issuer.generate(userId: "alice", expire: 60, now: now)
        let json = String(decoding: try Zlib.inflate(try #require(UserSigText.decodeBase64(sig)), limit: 1 << 14), as: UTF8.self)
        // Extending the lifetime, or the issue time, without the key.
        for forged in [
            json.replacingOccurrences(of: #""TLS.expire": 60"#, with: #""TLS.expire": 999999"#),
            json.replacingOccurrences(of: #""TLS.time": 1700000000"#, with: #""TLS.time": 1800000000"#),
        ] {
            #expect(forged != json)
            #expect(failure { _ = try issuer.verify(wrap(forged), userId: "alice", now: now) } == .signatureMismatch)
        }
        // A signature that is not base64 at all.
        let garbage = json.replacingOccurrences(of: #""TLS.sig": ""#, with: #""TLS.sig": "!!"#)
        #expect(failure { _ = try issuer.verify(wrap(garbage), userId: "alice", now: now) } == .signatureMismatch)
    }

    @Test func truncatedSigsAreNotZlib() {
        let sig = issuer.generate(userId: "alice", now: now)
        var sawNotZlib = false
        for length in stride(from: 4, to: sig.count, by: 4) {
            let result = failure { _ = try issuer.verify(String(sig.prefix(length)), userId: "alice", now: now) }
            #expect(result == .notZlib || result == .notBase64, "length \(length): \(String(describing: result))")
            sawNotZlib = sawNotZlib || result == .notZlib
        }
        #expect(sawNotZlib)
    }

    @Test(arguments: ["not base64!", "abc+def", "a/b_", "ab cd", "é"])
    func notBase64(_ sig: String) {
        #expect(failure { _ = try issuer.verify(sig, userId: "alice", now: now) } == .notBase64)
    }

    @Test func emptyAndOversizedSigsAreRejectedUpFront() {
        #expect(failure { _ = try issuer.verify("", userId: "alice", now: now) } == .empty)
        let long = String(repeating: "A", count: UserSigIssuer.maxSigLength + 1)
        #expect(
            failure { _ = try issuer.verify(long, userId: "alice", now: now) }
                == .tooLong(length: UserSigIssuer.maxSigLength + 1, limit: UserSigIssuer.maxSigLength))
    }

    @Test func zlibBombIsRejected() {
        // 64 MiB of zeros compresses to about 64 KiB; 4 MiB to about 4 KiB, well under the length limit.
        let bomb = UserSigText.encodeBase64(Zlib.compress([UInt8](repeating: 0, count: 4 << 20)))
        #expect(bomb.utf8.count < UserSigIssuer.maxSigLength)
        #expect(
            failure { _ = try issuer.verify(bomb, userId: "alice", now: now) }
                == .inflatesTooLarge(limit: UserSigIssuer.maxInflatedBytes))
        // One byte over the limit is too large; exactly the limit inflates (and then is not JSON).
        let over = wrap(String(repeating: " ", count: UserSigIssuer.maxInflatedBytes + 1))
        #expect(failure { _ = try issuer.verify(over, userId: "alice", now: now) } == .inflatesTooLarge(limit: UserSigIssuer.maxInflatedBytes))
        let exact = wrap(String(repeating: " ", count: UserSigIssuer.maxInflatedBytes))
        guard case .badJSON = failure({ _ = try issuer.verify(exact, userId: "alice", now: now) }) else {
            Issue.record("a sig of exactly the limit should inflate")
            return
        }
    }

    @Test func trailingBytesAfterTheStreamAreRejected() throws {
        let sig = issuer.generate(userId: "alice", now: now)
        let bytes = try #require(UserSigText.decodeBase64(sig))
        #expect(failure { _ = try issuer.verify(UserSigText.encodeBase64(bytes + [0]), userId: "alice", now: now) } == .notZlib)
    }

    @Test(arguments: [
        ("[]", "not"),
        (#"{"TLS.ver": "2.0"}"#, "TLS.identifier"),
        (#"{"TLS.ver": "2.0", "TLS.identifier": "alice", "TLS.sdkappid": "1400000000", "TLS.expire": 1, "TLS.time": 1, "TLS.sig": ""}"#, "TLS.sdkappid"),
        ("not json", "JSON"),
    ])
    func badJSONSaysWhy(json: String, field: String) {
        guard case .badJSON(let reason) = failure({ _ = try issuer.verify(wrap(json), userId: "alice", now: now) }) else {
            Issue.record("expected badJSON for \(json)")
            return
        }
        #expect(reason.contains(field))
    }

    @Test func otherVersionsAreRejected() {
        let json = #"{"TLS.ver": "1.0", "TLS.identifier": "alice", "TLS.sdkappid": 1400000000, "TLS.expire": 1, "TLS.time": 1, "TLS.sig": ""}"#
        #expect(failure { _ = try issuer.verify(wrap(json), userId: "alice", now: now) } == .unsupportedVersion("1.0"))
    }

    @Test func failuresSayWhichCheckFailed() {
        #expect(UserSigFailure.expired(expiredAt: 5, now: 6).description == "UserSig expired at 5 (now 6)")
        #expect(SignalingError.userSigRejected(.signatureMismatch).description.contains("signature"))
        #expect(UserSigFailure.identifierMismatch(expected: "b", found: "a").description.contains("\"a\""))
    }

    @Test func mutatedSigsNeverCrash() {
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_")
        let sig = Array(issuer.generate(userId: "alice", userbuf: Data("buf".utf8), now: now))
        for round in 0..<3000 {
            var chars = sig
            for _ in 0..<(1 + round % 3) {
                chars[Int.random(in: 0..<chars.count, using: &generator)] = alphabet.randomElement(using: &generator)!
            }
            // Any thrown UserSig failure is fine; success only when the change left the decoded bytes as they were
            // (base64's unused low bits of the last character).
            if failure({ _ = try issuer.verify(String(chars), userId: "alice", now: now) }) == nil {
                #expect(UserSigText.decodeBase64(String(chars)) == UserSigText.decodeBase64(String(sig)))
            }
        }
    }
}
