/// The `type` of every client → server message (protocol.md §1).
public enum ClientMessageType: String, Sendable, Hashable, CaseIterable {
    /// Enter a room (or re-attach with `resume`).
    case join
    /// Announce published tracks.
    case publish
    /// Withdraw published tracks.
    case unpublish
    /// Mute or unmute a published track.
    case mute
    /// Receive a user's track (manual receive mode).
    case subscribe
    /// Stop receiving a user's track.
    case unsubscribe
    /// Change role between anchor and audience.
    case switchRole
    /// Send a custom message to the room.
    case customCmd
    /// Heartbeat.
    case ping
    /// Leave the room.
    case leave
}
