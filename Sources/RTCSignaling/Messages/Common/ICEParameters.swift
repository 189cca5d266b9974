/// One side's ICE credentials (RFC 8445 §5.3): the STUN short-term username fragment and password.
public struct ICEParameters: Codable, Sendable, Hashable {
    /// The username fragment.
    public var ufrag: String
    /// The password (keys MESSAGE-INTEGRITY, RFC 5389 §15.4).
    public var pwd: String

    /// Credentials from their two parts.
    public init(ufrag: String, pwd: String) {
        self.ufrag = ufrag
        self.pwd = pwd
    }
}
