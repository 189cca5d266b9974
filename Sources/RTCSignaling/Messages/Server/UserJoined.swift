/// `userJoined`: a member became visible (entered, or switched to anchor in a live scene).
public struct UserJoined: Codable, Sendable, Equatable {
    /// The member.
    public var userId: String
    /// Its role.
    public var role: UserRole

    /// A join event.
    public init(userId: String, role: UserRole) {
        self.userId = userId
        self.role = role
    }
}
