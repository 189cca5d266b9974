/// The kind of a published track (`"audio"` / `"video"`).
public enum MediaKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// An audio track.
    case audio
    /// A video track.
    case video
}
