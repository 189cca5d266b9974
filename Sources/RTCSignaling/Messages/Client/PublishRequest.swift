/// `publish`: announce the tracks this anchor sends (protocol.md §1).
public struct PublishRequest: Codable, Sendable, Equatable {
    /// The tracks.
    public var tracks: [TrackDescription]

    /// A publish request for `tracks`.
    public init(tracks: [TrackDescription]) { self.tracks = tracks }
}
