/// `userLeft`: a visible member left, with the reason.
public struct UserLeft: Codable, Sendable, Equatable {
    /// The member.
    public var userId: String
    /// Why it left.
    public var reason: LeaveReason

    /// A leave event.
    public init(userId: String, reason: LeaveReason) {
        self.userId = userId
        self.reason = reason
    }
}
