import Foundation

/// A 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900 in the high word, fraction in the low.
public struct NTPTimestamp: Hashable, Sendable {
    /// The full 64-bit value.
    public var rawValue: UInt64

    /// A timestamp from its 64-bit value.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// The wall clock now.
    public static func now() -> NTPTimestamp {
        NTPTimestamp(unixSeconds: Date().timeIntervalSince1970)
    }

    /// The NTP form of a unix time in seconds.
    public init(unixSeconds: Double) {
        let ntpSeconds = unixSeconds + 2_208_988_800
        let whole = UInt64(ntpSeconds)
        let fraction = UInt64((ntpSeconds - Double(whole)) * 4_294_967_296)
        rawValue = whole << 32 | min(fraction, 0xFFFF_FFFF)
    }

    /// The middle 32 bits (16.16 fixed point), as LSR and DLSR carry them (RFC 3550 §6.4.1).
    public var compact: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 16) }
}
