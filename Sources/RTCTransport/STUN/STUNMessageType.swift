/// A STUN message type: a method and a class interleaved in 14 bits (RFC 8489 §5, figure 3).
public struct STUNMessageType: Hashable, Sendable {
    /// What the message asks for.
    public var method: STUNMethod
    /// Request, indication, or response.
    public var `class`: STUNClass

    /// A type from its method and class.
    public init(method: STUNMethod, class: STUNClass) {
        self.method = method
        self.class = `class`
    }

    /// The type's 16-bit wire value (the two top bits are zero): M11-M7 C1 M6-M4 C0 M3-M0.
    public var rawValue: UInt16 {
        let m = method.rawValue
        let c = UInt16(`class`.rawValue)
        return (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 0b01) << 4) | ((c & 0b10) << 7)
    }

    /// A type from its wire value; nil when either of the two top bits is set.
    public init?(rawValue: UInt16) {
        guard rawValue & 0xC000 == 0 else { return nil }
        let m = (rawValue & 0x000F) | ((rawValue >> 1) & 0x0070) | ((rawValue >> 2) & 0x0F80)
        let c = ((rawValue >> 4) & 0b01) | ((rawValue >> 7) & 0b10)
        self.init(method: STUNMethod(rawValue: m)!, class: STUNClass(rawValue: UInt8(c))!)
    }

    /// A Binding request (0x0001).
    public static let bindingRequest = STUNMessageType(method: .binding, class: .request)
    /// A Binding indication (0x0011), used for keepalives.
    public static let bindingIndication = STUNMessageType(method: .binding, class: .indication)
    /// A Binding success response (0x0101).
    public static let bindingSuccessResponse = STUNMessageType(method: .binding, class: .successResponse)
    /// A Binding error response (0x0111).
    public static let bindingErrorResponse = STUNMessageType(method: .binding, class: .errorResponse)
}
