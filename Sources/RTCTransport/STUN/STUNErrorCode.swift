/// The ERROR-CODE attribute's value (RFC 8489 §14.8): a code 300–699 and a reason phrase.
public struct STUNErrorCode: Hashable, Sendable {
    /// The numeric code, class × 100 + number (e.g. 401).
    public var code: Int
    /// A human-readable reason (UTF-8, under 128 characters).
    public var reason: String

    /// An error code from its parts.
    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// 400: the request was malformed.
    public static let badRequest = STUNErrorCode(code: 400, reason: "Bad Request")
    /// 401: missing or wrong MESSAGE-INTEGRITY or USERNAME.
    public static let unauthorized = STUNErrorCode(code: 401, reason: "Unauthorized")
    /// 420: a comprehension-required attribute was not understood.
    public static let unknownAttribute = STUNErrorCode(code: 420, reason: "Unknown Attribute")
    /// 487: both ICE agents claim the same role (RFC 8445 §7.3.1.1).
    public static let roleConflict = STUNErrorCode(code: 487, reason: "Role Conflict")
    /// 500: the server could not handle the request.
    public static let serverError = STUNErrorCode(code: 500, reason: "Server Error")
}
