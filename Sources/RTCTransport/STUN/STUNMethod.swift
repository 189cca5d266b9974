/// A STUN method (RFC 8489 §5, §18.2): a 12-bit number; ICE uses only Binding.
public struct STUNMethod: RawRepresentable, Hashable, Sendable {
    /// The 12-bit method number.
    public let rawValue: UInt16

    /// A method from its number; nil when it does not fit 12 bits.
    public init?(rawValue: UInt16) {
        guard rawValue <= 0xFFF else { return nil }
        self.rawValue = rawValue
    }

    /// Binding (0x001), the method of ICE connectivity checks and consent freshness.
    public static let binding = STUNMethod(rawValue: 0x001)!
}
