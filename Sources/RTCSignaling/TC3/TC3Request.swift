import Foundation

/// An incoming HTTP request as the TC3 verifier needs it: method, path, raw query, headers and body.
public struct TC3Request: Sendable {
    /// The HTTP method as received, e.g. "POST".
    public var method: String
    /// The URI path, e.g. "/".
    public var path: String
    /// The query string as received (without `?`), empty when there is none.
    public var query: String
    /// The headers, keyed by lowercase name (a later duplicate replaces an earlier one).
    public private(set) var headers: [String: String]
    /// The body bytes.
    public var body: [UInt8]

    /// A request from its parts; header names are matched case-insensitively.
    public init(method: String, path: String = "/", query: String = "", headers: [String: String], body: some DataProtocol) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = Array(body)
    }

    /// The value of the header `name` (any case), if present.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
