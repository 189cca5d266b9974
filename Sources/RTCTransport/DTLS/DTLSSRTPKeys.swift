/// What a DTLS-SRTP handshake yields (RFC 5764 §4.2): the negotiated profile and each direction's master key and salt.
public struct DTLSSRTPKeys: Sendable, Equatable {
    /// The SRTP protection profile the server chose from the client's offer.
    public let profile: SRTPProfile
    /// Keys for what we send: create the outbound `SRTPContext` from these.
    public let local: SRTPKeyMaterial
    /// Keys for what the peer sends: create the inbound `SRTPContext` from these.
    public let remote: SRTPKeyMaterial

    /// Splits the `EXTRACTOR-dtls_srtp` output, laid out client key | server key | client salt | server salt.
    init(profile: SRTPProfile, exportedKeyingMaterial material: [UInt8], role: DTLSRole) {
        let keyLength = profile.masterKeyLength
        let saltLength = profile.masterSaltLength
        let client = SRTPKeyMaterial(
            masterKey: Array(material[0..<keyLength]),
            masterSalt: Array(material[2 * keyLength..<2 * keyLength + saltLength]))
        let server = SRTPKeyMaterial(
            masterKey: Array(material[keyLength..<2 * keyLength]),
            masterSalt: Array(material[2 * keyLength + saltLength..<2 * (keyLength + saltLength)]))
        self.profile = profile
        (local, remote) = role == .client ? (client, server) : (server, client)
    }

    /// The number of bytes to export for `profile`: both directions' keys and salts.
    static func exportLength(for profile: SRTPProfile) -> Int {
        2 * (profile.masterKeyLength + profile.masterSaltLength)
    }

    /// A context that protects what we send.
    public func makeOutboundContext() throws -> SRTPContext {
        try SRTPContext(profile: profile, direction: .outbound, keyMaterial: local)
    }

    /// A context that unprotects what the peer sends.
    public func makeInboundContext() throws -> SRTPContext {
        try SRTPContext(profile: profile, direction: .inbound, keyMaterial: remote)
    }
}
