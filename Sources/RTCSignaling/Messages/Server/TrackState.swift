/// A track a member publishes, as listed in `join.ok`.
public struct TrackState: Codable, Sendable, Hashable {
    /// Audio or video.
    public var kind: MediaKind
    /// The track's SSRC.
    public var ssrc: UInt32
    /// Whether the publisher has muted it.
    public var muted: Bool

    /// A track's state.
    public init(kind: MediaKind, ssrc: UInt32, muted: Bool) {
        self.kind = kind
        self.ssrc = ssrc
        self.muted = muted
    }
}
