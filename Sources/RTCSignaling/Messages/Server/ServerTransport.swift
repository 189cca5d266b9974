/// The server side of the media path: its ICE-lite credentials, DTLS identity and candidates.
public struct ServerTransport: Codable, Sendable, Equatable {
    /// The server's ICE credentials (USERNAME is `serverUfrag:clientUfrag`).
    public var ice: ICEParameters
    /// The server's certificate fingerprint and setup role (`passive`).
    public var dtls: DTLSParameters
    /// Where to send media.
    public var candidates: [Candidate]

    /// The server's transport parameters.
    public init(ice: ICEParameters, dtls: DTLSParameters, candidates: [Candidate]) {
        self.ice = ice
        self.dtls = dtls
        self.candidates = candidates
    }
}
