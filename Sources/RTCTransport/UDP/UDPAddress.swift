import Glibc

/// An IPv4 address and UDP port, e.g. 127.0.0.1:5000.
public struct UDPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IPv4 address in dotted-decimal form.
    public let host: String
    /// The UDP port; 0 asks `UDPSocket` to pick a free one.
    public let port: UInt16

    /// Validates a dotted-decimal IPv4 address.
    public init(host: String, port: UInt16) throws {
        var address = in_addr()
        guard inet_pton(AF_INET, host, &address) == 1 else {
            throw TransportError.malformed(what: "IPv4 address", reason: "\"\(host)\" is not dotted-decimal IPv4")
        }
        self.init(socketAddress: Self.socketAddress(address, port: port))
    }

    /// "host:port".
    public var description: String { "\(host):\(port)" }

    /// The address as the kernel returned it.
    init(socketAddress: sockaddr_in) {
        var address = socketAddress.sin_addr
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
        host = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        port = UInt16(bigEndian: socketAddress.sin_port)
    }

    /// The address for `bind`/`sendto`.
    var socketAddress: sockaddr_in {
        var address = in_addr()
        inet_pton(AF_INET, host, &address)
        return Self.socketAddress(address, port: port)
    }

    private static func socketAddress(_ address: in_addr, port: UInt16) -> sockaddr_in {
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        socketAddress.sin_addr = address
        return socketAddress
    }
}
