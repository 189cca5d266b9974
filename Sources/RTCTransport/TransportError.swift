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
    /// libsrtp rejected a packet as a replay (RFC 3711 §3.3.2): its index was seen before or is older than the window.
    case srtpReplay(packet: String)
    /// An SRTP or SRTCP packet failed authentication (RFC 3711 §3.4): tampered with, or protected with another key.
    case srtpAuthenticationFailed(packet: String)
    /// Any other libsrtp failure: the call and libsrtp's `srtp_err_status_t` value.
    case srtpFailure(operation: String, status: Int)
    /// Key material of the wrong length for its use (an SRTP master key or salt).
    case invalidKeyLength(what: String, expected: Int, actual: Int)
    /// An OpenSSL call failed: the call and the entries drained from OpenSSL's error queue.
    case openSSLFailure(operation: String, errors: [String])
    /// The DTLS handshake failed (RFC 6347): OpenSSL's errors, including any alert the peer sent.
    case dtlsHandshakeFailed(errors: [String])
    /// An established DTLS association failed: OpenSSL's errors, including any fatal alert the peer sent.
    case dtlsConnectionFailed(errors: [String])
    /// The peer's certificate does not have the fingerprint signaled for it (RFC 8122 §5, RFC 5763 §5).
    case dtlsFingerprintMismatch(expected: String, actual: String)
    /// The DTLS handshake ended without an SRTP protection profile both sides support (RFC 5764 §4.1.2).
    case dtlsNoSRTPProfile(offered: String)
    /// A socket call failed: the call and `errno`.
    case socketFailure(operation: String, errno: Int32)
}
