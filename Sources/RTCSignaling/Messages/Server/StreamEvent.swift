/// `streamPublished` / `streamUnpublished` / `streamMuted`: a member's track changed.
public struct StreamEvent: Codable, Sendable, Equatable {
    /// The publisher.
    public var userId: String
    /// The track's kind.
    public var kind: MediaKind
    /// The track's SSRC.
    public var ssrc: UInt32
    /// Whether the track is muted now.
    public var muted: Bool

    /// A track event.
    public init(userId: String, kind: MediaKind, ssrc: UInt32, muted: Bool) {
        self.userId = userId
        self.kind = kind
        self.ssrc = ssrc
        self.muted = muted
    }
}
