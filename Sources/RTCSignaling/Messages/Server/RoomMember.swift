/// A member already in the room when one joins, with the tracks it publishes.
public struct RoomMember: Codable, Sendable, Equatable {
    /// The member's user id.
    public var userId: String
    /// The member's role.
    public var role: UserRole
    /// The member's published tracks.
    public var tracks: [TrackState]

    /// A member.
    public init(userId: String, role: UserRole, tracks: [TrackState]) {
        self.userId = userId
        self.role = role
        self.tracks = tracks
    }
}
