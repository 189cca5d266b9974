/// Which way an `SRTPContext` works: libsrtp keys each direction separately to avoid keystream reuse (RFC 3711 §9.1).
public enum SRTPDirection: Sendable {
    /// Verifies and decrypts what the peer sends (`unprotect`).
    case inbound
    /// Encrypts and authenticates what we send (`protect`).
    case outbound
}
