import COpenSSL

/// The 96-bit transaction ID that pairs a STUN response with its request (RFC 8489 §5), held inline.
public struct STUNTransactionID: Hashable, Sendable, CustomStringConvertible {
    /// The first 4 bytes, big-endian.
    let high: UInt32
    /// The last 8 bytes, big-endian.
    let low: UInt64

    /// An ID from its 12 bytes; nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 12 else { return nil }
        var high: UInt32 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 4 {
                high = high << 8 | UInt32(byte)
            } else {
                low = low << 8 | UInt64(byte)
            }
        }
        self.init(high: high, low: low)
    }

    init(high: UInt32, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A new ID from OpenSSL's CSPRNG, as RFC 8489 §6 requires (IDs must be unpredictable).
    public static func random() throws -> STUNTransactionID {
        var bytes = [UInt8](repeating: 0, count: 12)
        guard RAND_bytes(&bytes, 12) == 1 else {
            throw TransportError.cryptoFailure(operation: "RAND_bytes for a STUN transaction ID")
        }
        return STUNTransactionID(bytes: bytes)!
    }

    /// The 12 bytes as sent.
    public var bytes: [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: high >> (24 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
    }

    /// The ID as 24 lowercase hex digits.
    public var description: String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
