/// One address the server receives media on (an ICE host candidate, RFC 8445 §5.1.1.1).
public struct Candidate: Codable, Sendable, Hashable {
    /// The IP address, v4 or v6, as text.
    public var ip: String
    /// The UDP port.
    public var port: UInt16
    /// The transport, "udp".
    public var `protocol`: String

    /// A candidate at `ip`:`port`.
    public init(ip: String, port: UInt16, protocol: String = "udp") {
        self.ip = ip
        self.port = port
        self.protocol = `protocol`
    }
}
