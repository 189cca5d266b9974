/// Why a member left, as TRTC's `onRemoteUserLeaveRoom(_:reason:)` reports it.
public enum LeaveReason: Int, Codable, Sendable, Hashable, CaseIterable {
    /// It exited (`leave`, RTCP BYE).
    case exit = 0
    /// Silence for the user timeout.
    case timeout = 1
    /// Removed by the server (RemoveUser, or the same userId entered elsewhere).
    case kicked = 2
    /// Switched to audience in a live scene.
    case switchedToAudience = 3
}
