/// `subscribe` / `unsubscribe`: start or stop receiving one user's track of one kind (manual receive mode).
public struct SubscriptionRequest: Codable, Sendable, Equatable {
    /// The publishing user.
    public var userId: String
    /// The track's kind.
    public var kind: MediaKind

    /// A (un)subscription of `userId`'s `kind` track.
    public init(userId: String, kind: MediaKind) {
        self.userId = userId
        self.kind = kind
    }
}
