/// Why the server removed this client (`kicked`), which decides `onExitRoom`'s reason.
public enum KickReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// The same userId entered the room elsewhere (`onExitRoom(1)` with a warning).
    case kick
    /// Removed by the RemoveUser API (`onExitRoom(1)`).
    case banned
    /// The room was dismissed by the DismissRoom API (`onExitRoom(2)`).
    case roomDisband = "room-disband"
}
