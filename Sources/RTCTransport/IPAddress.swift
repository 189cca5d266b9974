#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address held inline (no allocation), in network byte order when read as bytes.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// An IPv4 address; `192.0.2.1` is `.v4(0xC000_0201)`.
    case v4(UInt32)
    /// An IPv6 address as its high and low 64 bits; `::1` is `.v6(0, 1)`.
    case v6(UInt64, UInt64)

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text; nil when `text` is neither.
    public init?(_ text: String) {
        var v6 = in6_addr()
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self = .v4(UInt32(bigEndian: v4.s_addr))
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            self = withUnsafeBytes(of: v6) { IPAddress(bytes: $0)! }
        } else {
            return nil
        }
    }

    /// An address from its 4 (IPv4) or 16 (IPv6) network-order bytes; nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 {
                high |= UInt64(byte) << (56 - 8 * index)
            } else {
                low |= UInt64(byte) << (56 - 8 * (index - 8))
            }
        }
        self = bytes.count == 4 ? .v4(UInt32(high >> 32)) : .v6(high, low)
    }

    /// The address's network-order bytes: 4 for IPv4, 16 for IPv6.
    public var bytes: [UInt8] {
        switch self {
        case .v4(let value):
            return (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
        case .v6(let high, let low):
            return (0..<16).map {
                UInt8(truncatingIfNeeded: $0 < 8 ? high >> (56 - 8 * $0) : low >> (56 - 8 * ($0 - 8)))
            }
        }
    }

    /// Whether this is an IPv6 address.
    public var isIPv6: Bool {
        if case .v6 = self { return true }
        return false
    }

    /// The conventional text form (`192.0.2.1`, `2001:db8::1`).
    public var description: String {
        let family = isIPv6 ? AF_INET6 : AF_INET
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let raw = bytes
        return raw.withUnsafeBytes { source in
            text.withUnsafeMutableBufferPointer { out in
                _ = inet_ntop(family, source.baseAddress, out.baseAddress, socklen_t(out.count))
                return String(cString: out.baseAddress!)
            }
        }
    }
}
