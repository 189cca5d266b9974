/// The class of a STUN message (RFC 8489 §5): the role it plays in a transaction.
public enum STUNClass: UInt8, Sendable, CaseIterable {
    /// A request, answered by a success or error response.
    case request = 0b00
    /// An indication: no response expected.
    case indication = 0b01
    /// A success response to a request.
    case successResponse = 0b10
    /// An error response to a request, carrying ERROR-CODE.
    case errorResponse = 0b11
}
