/// A track being published: its kind, its SSRC (RFC 3550 §3) and its codec.
public struct TrackDescription: Codable, Sendable, Hashable {
    /// Audio or video.
    public var kind: MediaKind
    /// The SSRC of the track's RTP stream, forwarded unchanged by the SFU.
    public var ssrc: UInt32
    /// The track's codec.
    public var codec: CodecDescription

    /// A track from its kind, SSRC and codec.
    public init(kind: MediaKind, ssrc: UInt32, codec: CodecDescription) {
        self.kind = kind
        self.ssrc = ssrc
        self.codec = codec
    }
}
