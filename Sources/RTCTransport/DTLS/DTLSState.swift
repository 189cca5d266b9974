/// Where a `DTLSEndpoint` stands; check it after each `start`, `receive` and `handleTimeout`.
public enum DTLSState: Sendable, Equatable {
    /// The handshake is under way (or not started yet).
    case handshaking
    /// The handshake finished and the peer's fingerprint matched: SRTP keys are ready.
    case connected(DTLSSRTPKeys)
    /// The peer closed the association with a close_notify alert after the handshake.
    case closed
    /// The handshake or the association failed; the endpoint does nothing more.
    case failed(TransportError)
}
