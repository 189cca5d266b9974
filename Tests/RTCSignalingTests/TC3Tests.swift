import Foundation
import Testing

@testable import RTCSignaling

/// The TC3 failure a verification throws, nil when it succeeds.
private func failure(_ body: () throws -> Void) -> TC3AuthFailure? {
    do {
        try body()
        return nil
    } catch {
        guard case .requestAuthenticationFailed(let failure) = error as? SignalingError else {
            Issue.record("not a TC3 failure: \(error)")
            return nil
        }
        return failure
    }
}

@Suite struct TC3Tests {
    static let secretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
    static let secretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
    let signer = TC3Signer(secretId: secretId, secretKey: secretKey, region: "ap-guangzhou")
    let verifier = TC3Verifier { $0 == TC3Tests.secretId ? TC3Tests.secretKey : nil }
    let timestamp: Int64 = 1_700_000_000
    let body = Data(#"{"SdkAppId": 1400000000, "RoomId": 1234}"#.utf8)

    private func request(_ headers: [String: String], body: Data? = nil, query: String = "", method: String = "POST") -> TC3Request {
        TC3Request(method: method, query: query, headers: headers, body: body ?? self.body)
    }

    /// Tencent's published example (Signature v3, CVM DescribeInstances, "Signature Calculation" section).
    @Test func tencentDocumentationExample() {
        let cvm = TC3Signer(secretId: Self.secretId, secretKey: Self.secretKey, service: "cvm", version: "2017-03-12")
        let body = #"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#
        let authorization = cvm.authorization(
            method: "POST", query: "", contentType: "application/json; charset=utf-8", host: "cvm.tencentcloudapi.com",
            body: Data(body.utf8), timestamp: 1_551_113_065)
        #expect(
            authorization
                == "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                + "SignedHeaders=content-type;host, "
                + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168")
    }

    @Test func signedPOSTCarriesTheCloudAPIHeadersAndVerifies() throws {
        let headers = signer.signPOST(action: "DismissRoom", body: body, host: "127.0.0.1:7880", timestamp: timestamp)
        #expect(headers["Content-Type"] == "application/json")
        #expect(headers["Host"] == "127.0.0.1:7880")
        #expect(headers["X-TC-Action"] == "DismissRoom")
        #expect(headers["X-TC-Timestamp"] == "1700000000")
        #expect(headers["X-TC-Version"] == "2019-07-22")
        #expect(headers["X-TC-Region"] == "ap-guangzhou")
        #expect(headers["Authorization"]?.hasPrefix("TC3-HMAC-SHA256 Credential=\(Self.secretId)/2023-11-14/trtc/tc3_request, ") == true)
        #expect(try verifier.verify(request(headers), now: timestamp) == Self.secretId)
        #expect(TC3Signer(secretId: "a", secretKey: "b").signGET(action: "X", query: "", host: "h", timestamp: 0)["X-TC-Region"] == nil)
    }

    @Test func signedGETVerifiesOverItsQuery() throws {
        let query = "SdkAppId=1400000000&RoomId=1234&UserIds.0=a"
        let headers = signer.signGET(action: "RemoveUser", query: query, host: "localhost:7880", timestamp: timestamp)
        #expect(headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(try verifier.verify(request(headers, body: Data(), query: query, method: "GET"), now: timestamp) == Self.secretId)
        #expect(failure { _ = try verifier.verify(request(headers, body: Data(), query: query + "1", method: "GET"), now: timestamp) } == .signatureMismatch)
        #expect(failure { _ = try verifier.verify(request(headers, body: Data(), query: query, method: "POST"), now: timestamp) } == .signatureMismatch)
    }

    @Test func tamperingIsASignatureFailure() {
        let headers = signer.signPOST(action: "DismissRoom", body: body, host: "127.0.0.1:7880", timestamp: timestamp)
        var tamperedBody = body
        tamperedBody[tamperedBody.count - 3] = UInt8(ascii: "5")
        #expect(failure { _ = try verifier.verify(request(headers, body: tamperedBody), now: timestamp) } == .signatureMismatch)
        var otherHost = headers
        otherHost["Host"] = "127.0.0.1:7881"
        #expect(failure { _ = try verifier.verify(request(otherHost), now: timestamp) } == .signatureMismatch)
        var otherTime = headers
        otherTime["X-TC-Timestamp"] = "1700000001"
        #expect(failure { _ = try verifier.verify(request(otherTime), now: timestamp) } == .signatureMismatch)
        let wrongKey = TC3Signer(secretId: Self.secretId, secretKey: "wrong")
            .signPOST(action: "DismissRoom", body: body, host: "127.0.0.1:7880", timestamp: timestamp)
        #expect(failure { _ = try verifier.verify(request(wrongKey), now: timestamp) } == .signatureMismatch)
        #expect(TC3AuthFailure.signatureMismatch.code == "AuthFailure.SignatureFailure")
    }

    @Test func headerNamesAreCaseInsensitiveAndValuesTrimmed() throws {
        let headers = signer.signPOST(action: "DismissRoom", body: body, host: "127.0.0.1:7880", timestamp: timestamp)
        var lowered = Dictionary(uniqueKeysWithValues: headers.map { ($0.key.lowercased(), $0.value) })
        lowered["content-type"] = "  application/json "
        #expect(try verifier.verify(request(lowered), now: timestamp) == Self.secretId)
    }

    @Test func timestampSkewIsFiveMinutesEitherWay() {
        let headers = signer.signPOST(action: "DismissRoom", body: body, host: "h", timestamp: timestamp)
        #expect(failure { _ = try verifier.verify(request(headers), now: timestamp + 300) } == nil)
        #expect(failure { _ = try verifier.verify(request(headers), now: timestamp - 300) } == nil)
        let late = failure { _ = try verifier.verify(request(headers), now: timestamp + 301) }
        #expect(late == .timestampOutOfRange(timestamp: timestamp, now: timestamp + 301, maxSkew: 300))
        #expect(late?.code == "AuthFailure.SignatureExpire")
        #expect(failure { _ = try verifier.verify(request(headers), now: timestamp - 301) }?.code == "AuthFailure.SignatureExpire")
        #expect(failure { _ = try verifier.verify(request(headers), now: .min) }?.code == "AuthFailure.SignatureExpire")
        let strict = TC3Verifier(maxSkew: 10) { _ in Self.secretKey }
        #expect(failure { _ = try strict.verify(request(headers), now: timestamp + 11) }?.code == "AuthFailure.SignatureExpire")
    }

    @Test func unknownSecretId() {
        let headers = TC3Signer(secretId: "AKIDunknown", secretKey: "k").signPOST(
            action: "DismissRoom", body: body, host: "h", timestamp: timestamp)
        let result = failure { _ = try verifier.verify(request(headers), now: timestamp) }
        #expect(result == .secretIdNotFound("AKIDunknown"))
        #expect(result?.code == "AuthFailure.SecretIdNotFound")
    }

    @Test func timestampHeaderMustBeUnixSeconds() {
        var headers = signer.signPOST(action: "DismissRoom", body: body, host: "h", timestamp: timestamp)
        headers["X-TC-Timestamp"] = nil
        #expect(failure { _ = try verifier.verify(request(headers), now: timestamp) } == .missingTimestamp)
        for bad in ["", "-1", "1.5", "1e9", " 1700000000", "99999999999999999999", "１７"] {
            headers["X-TC-Timestamp"] = bad
            #expect(failure { _ = try verifier.verify(request(headers), now: timestamp) } == .invalidTimestamp(bad))
        }
    }

    @Test func credentialDateMustBeTheTimestampsUTCDay() throws {
        let authorization = signer.authorization(
            method: "POST", query: "", contentType: "application/json", host: "h", body: body, timestamp: timestamp)
        let headers = [
            "Authorization": authorization.replacingOccurrences(of: "2023-11-14", with: "2023-11-15"),
            "Content-Type": "application/json", "Host": "h", "X-TC-Timestamp": "\(timestamp)",
        ]
        #expect(
            failure { _ = try verifier.verify(request(headers), now: timestamp)
            } == .dateMismatch(credentialDate: "2023-11-15", timestampDate: "2023-11-14"))
        #expect(TC3CanonicalRequest.utcDate(0) == "1970-01-01")
        #expect(TC3CanonicalRequest.utcDate(1_709_251_199) == "2024-02-29")
        #expect(TC3CanonicalRequest.utcDate(1_709_251_200) == "2024-03-01")
    }

    @Test func unsignedPayloadsAreRefused() {
        var headers = signer.signPOST(action: "DismissRoom", body: body, host: "h", timestamp: timestamp)
        headers["X-TC-Content-SHA256"] = "UNSIGNED-PAYLOAD"
        #expect(failure { _ = try verifier.verify(request(headers), now: timestamp) } == .unsignedPayload)
    }

    @Test func otherServicesAreRefused() {
        let headers = TC3Signer(secretId: Self.secretId, secretKey: Self.secretKey, service: "cvm")
            .signPOST(action: "DismissRoom", body: body, host: "h", timestamp: timestamp)
        #expect(failure { _ = try verifier.verify(request(headers), now: timestamp) } == .wrongService(found: "cvm", expected: "trtc"))
    }

    @Test func extraSignedHeadersAreVerifiedAndMustBePresent() throws {
        // Some SDKs sign more than content-type;host: the canonical request then lists every signed header.
        let canonical = TC3CanonicalRequest(
            method: "POST", path: "/", query: "",
            headers: [("content-type", "application/json"), ("host", "h"), ("x-tc-action", "DismissRoom")],
            body: Array(body), timestamp: "\(timestamp)", date: "2023-11-14", service: "trtc")
        let authorization = "TC3-HMAC-SHA256 Credential=\(Self.secretId)/2023-11-14/trtc/tc3_request, "
            + "SignedHeaders=content-type;host;x-tc-action, Signature=\(Hex.encode(canonical.signature(secretKey: Self.secretKey)))"
        var headers = [
            "Authorization": authorization, "Content-Type": "application/json", "Host": "h",
            "X-TC-Action": "DismissRoom", "X-TC-Timestamp": "\(timestamp)",
        ]
        #expect(try verifier.verify(request(headers), now: timestamp) == Self.secretId)
        headers["X-TC-Action"] = "RemoveUser"
        #expect(failure { _ = try verifier.verify(request(headers), now: timestamp) } == .signatureMismatch)
        headers["X-TC-Action"] = nil
        #expect(failure { _ = try verifier.verify(request(headers), now: timestamp) } == .signedHeaderMissing("x-tc-action"))
    }

    static let validAuthorization = "TC3-HMAC-SHA256 Credential=AKID/2023-11-14/trtc/tc3_request, "
        + "SignedHeaders=content-type;host, Signature=" + String(repeating: "ab", count: 32)

    @Test func parsesAWellFormedHeader() throws {
        let parsed = try TC3Authorization(parsing: Self.validAuthorization)
        #expect(parsed.secretId == "AKID")
        #expect(parsed.date == "2023-11-14")
        #expect(parsed.service == "trtc")
        #expect(parsed.signedHeaders == ["content-type", "host"])
        #expect(parsed.signature == [UInt8](repeating: 0xAB, count: 32))
    }

    @Test(arguments: [
        "",
        "HMAC-SHA256 Credential=AKID/2023-11-14/trtc/tc3_request, SignedHeaders=content-type;host, Signature=00",
        "TC3-HMAC-SHA256 Credential=AKID/2023-11-14/trtc/tc3_request, SignedHeaders=content-type;host",
        validAuthorization + ", Signature=" + String(repeating: "ab", count: 32),
        validAuthorization + ", Extra=1",
        validAuthorization.replacingOccurrences(of: "Credential=", with: "Credential"),
        validAuthorization.replacingOccurrences(of: "/tc3_request", with: "/tc4_request"),
        validAuthorization.replacingOccurrences(of: "AKID/", with: "AKID/extra/"),
        validAuthorization.replacingOccurrences(of: "AKID/", with: "/"),
        validAuthorization.replacingOccurrences(of: "AKID/", with: "AK ID/"),
        validAuthorization.replacingOccurrences(of: "2023-11-14", with: "2023-1-140"),
        validAuthorization.replacingOccurrences(of: "2023-11-14", with: "2023/11/14"),
        validAuthorization.replacingOccurrences(of: "/trtc/", with: "/TRTC/"),
        validAuthorization.replacingOccurrences(of: "content-type;host", with: "host;content-type"),
        validAuthorization.replacingOccurrences(of: "content-type;host", with: "content-type;content-type;host"),
        validAuthorization.replacingOccurrences(of: "content-type;host", with: "host"),
        validAuthorization.replacingOccurrences(of: "content-type;host", with: "content-type;;host"),
        validAuthorization.replacingOccurrences(of: "content-type;host", with: "Content-Type;host"),
        validAuthorization.replacingOccurrences(of: "abab", with: "ABAB"),
        validAuthorization + "ab",
        validAuthorization.replacingOccurrences(of: "abab", with: "abzz"),
        validAuthorization + String(repeating: " ", count: 2048),
    ])
    func malformedHeadersAreInvalidAuthorization(_ header: String) {
        let result = failure { _ = try TC3Authorization(parsing: header) }
        guard case .malformedAuthorization = result else {
            Issue.record("\(header): \(String(describing: result))")
            return
        }
        #expect(result?.code == "AuthFailure.InvalidAuthorization")
    }

    @Test func missingAuthorization() {
        #expect(failure { _ = try verifier.verify(request(["Host": "h"]), now: timestamp) } == .missingAuthorization)
    }

    @Test func mutatedHeadersNeverCrash() {
        var generator = SeededGenerator(seed: 7)
        let headers = signer.signPOST(action: "DismissRoom", body: body, host: "h", timestamp: timestamp)
        let original = Array(headers["Authorization"]!.utf8)
        for round in 0..<3000 {
            var bytes = original
            for _ in 0..<(1 + round % 3) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0x20...0x7E, using: &generator)
            }
            var mutated = headers
            mutated["Authorization"] = String(decoding: bytes, as: UTF8.self)
            if failure({ _ = try verifier.verify(request(mutated), now: timestamp) }) == nil {
                #expect(bytes == original)
            }
        }
    }
}
