import Foundation
import Testing

@testable import RTCSignaling

/// UserSigs against Tencent's own generator, the `tls-sig-api-v2` Python package.
@Suite(.enabled("PyPI is unreachable: Tencent's tls-sig-api-v2 cannot be installed") { PythonReference.pypiReachable })
struct UserSigPythonTests {
    let sdkAppId: UInt32 = 1_400_000_000
    let key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
    let now: Int64 = 1_700_000_000

    @Test func tencentsSigsVerify() throws {
        let sig = try PythonReference.call(["gen-sig", "\(sdkAppId)", key, "alice", "86400", "\(now)"])
        let issuer = UserSigIssuer(sdkAppId: sdkAppId, secretKey: key)
        let verified = try issuer.verify(sig, userId: "alice", now: now + 1)
        #expect(verified == UserSig(identifier: "alice", sdkAppId: sdkAppId, time: now, expire: 86400, userbuf: nil))
        #expect(throws: SignalingError.userSigRejected(.expired(expiredAt: now + 86400, now: now + 86400))) {
            try issuer.verify(sig, userId: "alice", now: now + 86400)
        }
        #expect(throws: SignalingError.userSigRejected(.identifierMismatch(expected: "bob", found: "alice"))) {
            try issuer.verify(sig, userId: "bob", now: now)
        }
        #expect(throws: SignalingError.userSigRejected(.signatureMismatch)) {
            try UserSigIssuer(sdkAppId: sdkAppId, secretKey: key + "x").verify(sig, userId: "alice", now: now)
        }
    }

    @Test func tencentsSigsWithUserbufVerify() throws {
        let sig = try PythonReference.call(["gen-sig", "\(sdkAppId)", key, "u_1-x", "600", "\(now)", "00ff10616263"])
        let verified = try UserSigIssuer(sdkAppId: sdkAppId, secretKey: key).verify(sig, userId: "u_1-x", now: now)
        #expect(verified.userbuf == Data([0x00, 0xFF, 0x10, 0x61, 0x62, 0x63]))
    }

    @Test(arguments: [(nil, "alice"), ("00ff10616263", "u_1-x")] as [(String?, String)])
    func oursHoldTheSameJSONAsTencentsAndVerifyInPython(userbufHex: String?, userId: String) throws {
        let userbuf = userbufHex.map { hex in
            Data(stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! })
        }
        let ours = UserSigIssuer(sdkAppId: sdkAppId, secretKey: key).generate(
            userId: userId, expire: 600, userbuf: userbuf, now: now)
        let theirs = try PythonReference.call(
            ["gen-sig", "\(sdkAppId)", key, userId, "600", "\(now)"] + (userbufHex.map { [$0] } ?? []))
        func json(_ sig: String) throws -> String {
            String(decoding: try Zlib.inflate(try #require(UserSigText.decodeBase64(sig)), limit: 1 << 14), as: UTF8.self)
        }
        #expect(try json(ours) == json(theirs))

        let verdict = try PythonReference.callJSON(["verify-sig", "\(sdkAppId)", key, userId, ours])
        #expect(verdict["identifier"] as? Bool == true)
        #expect(verdict["sdkappid"] as? Bool == true)
        #expect(verdict["signature"] as? Bool == true)
    }
}
