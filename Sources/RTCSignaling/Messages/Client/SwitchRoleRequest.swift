/// `switchRole`: become an anchor or an audience member (LIVE and voice chat rooms, protocol.md §1).
public struct SwitchRoleRequest: Codable, Sendable, Equatable {
    /// The new role.
    public var role: UserRole

    /// A request to switch to `role`.
    public init(role: UserRole) { self.role = role }
}
