/// One side's DTLS identity: its certificate fingerprint (RFC 8122 §5, "sha-256 AB:CD:…") and setup role.
public struct DTLSParameters: Codable, Sendable, Hashable {
    /// The certificate fingerprint as SDP writes it: hash name, space, colon-separated uppercase hex.
    public var fingerprint: String
    /// Which side starts the handshake.
    public var setup: DTLSSetup

    /// Parameters from a fingerprint and a setup role.
    public init(fingerprint: String, setup: DTLSSetup) {
        self.fingerprint = fingerprint
        self.setup = setup
    }
}
