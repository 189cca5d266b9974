import Foundation

/// Checks TC3-HMAC-SHA256 signed requests (rest-api.md) against the server's SecretId → SecretKey pairs.
public struct TC3Verifier: Sendable {
    /// The largest allowed distance between `X-TC-Timestamp` and the server's clock: 5 minutes.
    public static let defaultMaxSkew: Int64 = 300

    /// The service requests must be scoped to, e.g. "trtc".
    public let service: String
    /// The allowed clock skew in seconds.
    public let maxSkew: Int64
    private let secretKey: @Sendable (String) -> String?

    /// A verifier that finds a SecretId's key with `secretKey` (nil for an unknown SecretId).
    public init(
        service: String = "trtc", maxSkew: Int64 = defaultMaxSkew,
        secretKey: @escaping @Sendable (_ secretId: String) -> String?
    ) {
        self.service = service
        self.maxSkew = maxSkew
        self.secretKey = secretKey
    }

    /// Verifies `request` at `now` (unix seconds) and returns the SecretId that signed it; throws
    /// `requestAuthenticationFailed` whose `code` is Tencent's (`AuthFailure.SignatureExpire`, …).
    public func verify(_ request: TC3Request, now: Int64 = Int64(Date().timeIntervalSince1970))
        throws(SignalingError) -> String
    {
        guard let header = request.header("Authorization") else {
            throw .requestAuthenticationFailed(.missingAuthorization)
        }
        let authorization = try TC3Authorization(parsing: header)
        guard authorization.service == service else {
            throw .requestAuthenticationFailed(.wrongService(found: authorization.service, expected: service))
        }
        guard let timestampText = request.header("X-TC-Timestamp") else {
            throw .requestAuthenticationFailed(.missingTimestamp)
        }
        guard (1...18).contains(timestampText.utf8.count),
            timestampText.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let timestamp = Int64(timestampText)
        else { throw .requestAuthenticationFailed(.invalidTimestamp(timestampText)) }
        let (skew, overflow) = timestamp.subtractingReportingOverflow(now)
        guard !overflow, skew.magnitude <= maxSkew.magnitude else {
            throw .requestAuthenticationFailed(.timestampOutOfRange(timestamp: timestamp, now: now, maxSkew: maxSkew))
        }
        let timestampDate = TC3CanonicalRequest.utcDate(timestamp)
        guard authorization.date == timestampDate else {
            throw .requestAuthenticationFailed(
                .dateMismatch(credentialDate: authorization.date, timestampDate: timestampDate))
        }
        guard let key = secretKey(authorization.secretId) else {
            throw .requestAuthenticationFailed(.secretIdNotFound(authorization.secretId))
        }
        if request.header("X-TC-Content-SHA256")?.uppercased() == "UNSIGNED-PAYLOAD" {
            throw .requestAuthenticationFailed(.unsignedPayload)
        }
        var headers: [(name: String, value: String)] = []
        for name in authorization.signedHeaders {
            guard let value = request.header(name) else {
                throw .requestAuthenticationFailed(.signedHeaderMissing(name))
            }
            headers.append((name: name, value: value))
        }
        let canonical = TC3CanonicalRequest(
            method: request.method, path: request.path, query: request.query, headers: headers, body: request.body,
            timestamp: timestampText, date: authorization.date, service: authorization.service)
        guard ConstantTime.equal(canonical.signature(secretKey: key), authorization.signature) else {
            throw .requestAuthenticationFailed(.signatureMismatch)
        }
        return authorization.secretId
    }
}
