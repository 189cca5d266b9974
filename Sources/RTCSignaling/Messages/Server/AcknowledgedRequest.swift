/// The requests answered by a bare `<type>.ok` (`join` has `join.ok` with a body; `ping` has `pong`).
public enum AcknowledgedRequest: String, Sendable, Hashable, CaseIterable {
    /// `publish.ok`.
    case publish
    /// `unpublish.ok`.
    case unpublish
    /// `mute.ok`.
    case mute
    /// `subscribe.ok`.
    case subscribe
    /// `unsubscribe.ok`.
    case unsubscribe
    /// `switchRole.ok`.
    case switchRole
    /// `customCmd.ok`.
    case customCmd
    /// `leave.ok`: the server closes the socket next.
    case leave

    /// The `type` of the answer, e.g. "publish.ok".
    public var answerType: String { rawValue + ".ok" }
}
