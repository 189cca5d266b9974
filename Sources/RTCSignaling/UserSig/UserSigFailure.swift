/// Which check a UserSig failed (usersig.md); every one is reported as `ERR_TRTC_USER_SIG_CHECK_FAILED`.
public enum UserSigFailure: Equatable, Sendable, CustomStringConvertible {
    /// The sig is the empty string.
    case empty
    /// The sig is longer than any valid sig can be.
    case tooLong(length: Int, limit: Int)
    /// The sig is not base64 in TLSSigAPIv2's URL-safe alphabet (`*`, `-`, `_`).
    case notBase64
    /// The decoded bytes are not one complete zlib (RFC 1950) stream.
    case notZlib
    /// The stream inflates past the limit: a zlib bomb or garbage.
    case inflatesTooLarge(limit: Int)
    /// The inflated bytes are not the JSON object a sig holds (which field, and why).
    case badJSON(reason: String)
    /// `TLS.ver` is not "2.0".
    case unsupportedVersion(String)
    /// `TLS.identifier` names another user.
    case identifierMismatch(expected: String, found: String)
    /// `TLS.sdkappid` names another app.
    case sdkAppIdMismatch(expected: UInt32, found: Int64)
    /// The HMAC does not match: forged, altered, or made with another key.
    case signatureMismatch
    /// `TLS.time + TLS.expire` is not after now (unix seconds).
    case expired(expiredAt: Int64, now: Int64)

    /// What failed, for the `error` message and logs.
    public var description: String {
        switch self {
        case .empty: "UserSig is empty"
        case .tooLong(let length, let limit): "UserSig is \(length) characters, more than \(limit)"
        case .notBase64: "UserSig is not base64 (TLSSigAPIv2 alphabet)"
        case .notZlib: "UserSig does not hold a complete zlib stream"
        case .inflatesTooLarge(let limit): "UserSig inflates past \(limit) bytes"
        case .badJSON(let reason): "UserSig content is not valid: \(reason)"
        case .unsupportedVersion(let version): "UserSig version \"\(version)\" is not 2.0"
        case .identifierMismatch(let expected, let found):
            "UserSig was issued for user \"\(found)\", not \"\(expected)\""
        case .sdkAppIdMismatch(let expected, let found): "UserSig was issued for SdkAppId \(found), not \(expected)"
        case .signatureMismatch: "UserSig signature does not match (forged, altered, or another key)"
        case .expired(let expiredAt, let now): "UserSig expired at \(expiredAt) (now \(now))"
        }
    }
}
