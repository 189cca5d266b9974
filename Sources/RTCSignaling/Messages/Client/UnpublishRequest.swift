/// `unpublish`: withdraw this user's tracks of the given kinds (protocol.md §1).
public struct UnpublishRequest: Codable, Sendable, Equatable {
    /// The kinds to withdraw.
    public var kinds: [MediaKind]

    /// An unpublish request for `kinds`.
    public init(kinds: [MediaKind]) { self.kinds = kinds }
}
