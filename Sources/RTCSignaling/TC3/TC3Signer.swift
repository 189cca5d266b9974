import Foundation

/// Signs Tencent Cloud API 3.0 requests with TC3-HMAC-SHA256 (rest-api.md), as Tencent's SDKs do:
/// SignedHeaders `content-type;host`, body hashed with SHA-256, key derived per day and service.
public struct TC3Signer: Sendable {
    /// The algorithm name that starts the Authorization header.
    public static let algorithm = "TC3-HMAC-SHA256"
    /// The Content-Type of a POST with a JSON body.
    public static let jsonContentType = "application/json"
    /// The Content-Type of a GET (the parameters are in the query string).
    public static let formContentType = "application/x-www-form-urlencoded"

    /// The credential's public half, written into the Authorization header.
    public let secretId: String
    private let secretKey: String
    /// The service the requests are for, e.g. "trtc".
    public let service: String
    /// The API version sent as `X-TC-Version`, e.g. "2019-07-22".
    public let version: String
    /// The region sent as `X-TC-Region`, if any.
    public let region: String?

    /// A signer for one credential and service (TRTC 2019-07-22 unless told otherwise).
    public init(
        secretId: String, secretKey: String, service: String = "trtc", version: String = "2019-07-22",
        region: String? = nil
    ) {
        self.secretId = secretId
        self.secretKey = secretKey
        self.service = service
        self.version = version
        self.region = region
    }

    /// The headers of `POST /` calling `action` with `body` (the JSON parameters) on `host` at `timestamp`:
    /// Authorization, Content-Type, Host, X-TC-Action, X-TC-Timestamp, X-TC-Version and X-TC-Region when set.
    public func signPOST(
        action: String, body: some DataProtocol, host: String, timestamp: Int64,
        contentType: String = jsonContentType
    ) -> [String: String] {
        headers(
            action: action, host: host, timestamp: timestamp, contentType: contentType,
            authorization: authorization(
                method: "POST", query: "", contentType: contentType, host: host, body: body, timestamp: timestamp))
    }

    /// The headers of `GET /?query` calling `action` on `host` at `timestamp` (the query is signed as given).
    public func signGET(action: String, query: String, host: String, timestamp: Int64) -> [String: String] {
        headers(
            action: action, host: host, timestamp: timestamp, contentType: Self.formContentType,
            authorization: authorization(
                method: "GET", query: query, contentType: Self.formContentType, host: host, body: [UInt8](),
                timestamp: timestamp))
    }

    /// The Authorization header value for any request shape:
    /// `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=content-type;host, Signature=<hex>`.
    public func authorization(
        method: String, path: String = "/", query: String, contentType: String, host: String,
        body: some DataProtocol, timestamp: Int64
    ) -> String {
        let date = TC3CanonicalRequest.utcDate(timestamp)
        let request = TC3CanonicalRequest(
            method: method, path: path, query: query,
            headers: [(name: "content-type", value: contentType), (name: "host", value: host)],
            body: Array(body), timestamp: String(timestamp), date: date, service: service)
        let signature = Hex.encode(request.signature(secretKey: secretKey))
        return "\(Self.algorithm) Credential=\(secretId)/\(date)/\(service)/tc3_request, "
            + "SignedHeaders=\(request.signedHeaders), Signature=\(signature)"
    }

    private func headers(action: String, host: String, timestamp: Int64, contentType: String, authorization: String)
        -> [String: String]
    {
        var headers = [
            "Authorization": authorization, "Content-Type": contentType, "Host": host, "X-TC-Action": action,
            "X-TC-Timestamp": String(timestamp), "X-TC-Version": version,
        ]
        if let region { headers["X-TC-Region"] = region }
        return headers
    }
}
