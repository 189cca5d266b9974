/// Which side starts the DTLS handshake (RFC 4145 §4 `setup` values, as in SDP).
public enum DTLSSetup: String, Codable, Sendable, Hashable, CaseIterable {
    /// DTLS client: sends the ClientHello (the engine's clients).
    case active
    /// DTLS server: waits for the ClientHello (the room server).
    case passive
    /// Either role.
    case actpass
}
