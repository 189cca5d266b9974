/// Why a Tencent Cloud API 3.0 request failed TC3-HMAC-SHA256 authentication (rest-api.md).
public enum TC3AuthFailure: Equatable, Sendable, CustomStringConvertible {
    /// No `Authorization` header.
    case missingAuthorization
    /// The `Authorization` header is not `TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` (why).
    case malformedAuthorization(reason: String)
    /// The credential scope names another service than the verifier's.
    case wrongService(found: String, expected: String)
    /// No `X-TC-Timestamp` header.
    case missingTimestamp
    /// `X-TC-Timestamp` is not unix seconds.
    case invalidTimestamp(String)
    /// The timestamp is more than the allowed skew away from the server's clock.
    case timestampOutOfRange(timestamp: Int64, now: Int64, maxSkew: Int64)
    /// The SecretId is not one the server knows.
    case secretIdNotFound(String)
    /// The credential's date is not the UTC day of `X-TC-Timestamp`.
    case dateMismatch(credentialDate: String, timestampDate: String)
    /// A header listed in SignedHeaders is absent from the request.
    case signedHeaderMissing(String)
    /// The request declares `X-TC-Content-SHA256: UNSIGNED-PAYLOAD`; this server signs every body.
    case unsignedPayload
    /// The signature does not match the request.
    case signatureMismatch
    /// The (authenticated) SecretId may not manage this SdkAppId; the server checks this after reading the body.
    case sdkAppIdNotAllowed(secretId: String, sdkAppId: UInt32)

    /// Tencent Cloud's error code string for the failure (`AuthFailure.SignatureFailure`, …).
    public var code: String {
        switch self {
        case .missingAuthorization, .malformedAuthorization, .wrongService: "AuthFailure.InvalidAuthorization"
        case .missingTimestamp: "MissingParameter"
        case .invalidTimestamp: "InvalidParameterValue"
        case .timestampOutOfRange: "AuthFailure.SignatureExpire"
        case .secretIdNotFound: "AuthFailure.SecretIdNotFound"
        case .dateMismatch, .signedHeaderMissing, .unsignedPayload, .signatureMismatch: "AuthFailure.SignatureFailure"
        case .sdkAppIdNotAllowed: "UnauthorizedOperation.SdkAppId"
        }
    }

    /// What failed, for the error response's `Message`.
    public var description: String {
        switch self {
        case .missingAuthorization: "The Authorization header is missing."
        case .malformedAuthorization(let reason): "The Authorization header is malformed: \(reason)."
        case .wrongService(let found, let expected):
            "The credential scope names service \"\(found)\"; this endpoint is \"\(expected)\"."
        case .missingTimestamp: "The X-TC-Timestamp header is missing."
        case .invalidTimestamp(let value): "X-TC-Timestamp \"\(value)\" is not a unix time in seconds."
        case .timestampOutOfRange(let timestamp, let now, let maxSkew):
            "Signature expired: X-TC-Timestamp \(timestamp) is more than \(maxSkew) s from the server time \(now)."
        case .secretIdNotFound(let secretId): "The SecretId \"\(secretId)\" is not found."
        case .dateMismatch(let credentialDate, let timestampDate):
            "The credential date \(credentialDate) is not the UTC date of X-TC-Timestamp (\(timestampDate))."
        case .signedHeaderMissing(let name): "The signed header \"\(name)\" is missing from the request."
        case .unsignedPayload: "Unsigned payloads are not accepted; sign the request body."
        case .signatureMismatch: "The provided credentials could not be validated: the signature does not match."
        case .sdkAppIdNotAllowed(let secretId, let sdkAppId):
            "The SecretId \"\(secretId)\" may not manage SdkAppId \(sdkAppId)."
        }
    }
}
