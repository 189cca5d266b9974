/// A UDP transport address: an IP address and a port (the ICE "transport address", RFC 8445 §3).
public struct TransportAddress: Hashable, Sendable, CustomStringConvertible {
    /// The IP address.
    public var ip: IPAddress
    /// The port, in host byte order.
    public var port: UInt16

    /// An address from its parts.
    public init(ip: IPAddress, port: UInt16) {
        self.ip = ip
        self.port = port
    }

    /// An address from IP text (`"192.0.2.1"`, `"::1"`) and a port; nil when the text is no IP address.
    public init?(host: String, port: UInt16) {
        guard let ip = IPAddress(host) else { return nil }
        self.init(ip: ip, port: port)
    }

    /// `192.0.2.1:3478` or `[2001:db8::1]:3478`.
    public var description: String {
        ip.isIPv6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
