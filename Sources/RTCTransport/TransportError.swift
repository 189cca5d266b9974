/// Every failure of the transport layer (packets, STUN, DTLS, SRTP), with the context that explains it.
///
/// Parsers of untrusted bytes throw these; they never trap. Add cases as the layer grows,
/// keeping each one specific enough that a log line alone says what went wrong.
public enum TransportError: Error, Equatable, Sendable {
    /// Fewer bytes than the structure needs.
    case truncated(what: String, needed: Int, available: Int)
    /// Bytes that do not form a valid structure.
    case malformed(what: String, reason: String)
    /// A value this implementation does not support (a version, a profile, a type).
    case unsupported(what: String, value: Int)
    /// The output does not fit the buffer the caller provided.
    case bufferTooSmall(needed: Int, capacity: Int)
    /// A field value the wire format cannot carry (found while serializing, not parsing).
    case invalidValue(what: String, value: Int)
    /// A call into a cryptographic library failed (HMAC, random bytes).
    case cryptoFailure(operation: String)
}
