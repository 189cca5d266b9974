/// `mute`: mute or unmute this user's track of one kind; the others get `streamMuted` (protocol.md §1).
public struct MuteRequest: Codable, Sendable, Equatable {
    /// The track's kind.
    public var kind: MediaKind
    /// Whether the track is now muted.
    public var muted: Bool

    /// A mute request.
    public init(kind: MediaKind, muted: Bool) {
        self.kind = kind
        self.muted = muted
    }
}
