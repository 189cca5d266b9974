/// `join.ok`: the session, the server's transport, who is in the room, and the liveness timings.
public struct JoinAnswer: Codable, Sendable, Equatable {
    /// The session's id, for `join` with `resume`.
    public var sessionId: String
    /// Milliseconds the server spent on the join.
    public var elapsedMs: Int
    /// The server's media transport.
    public var server: ServerTransport
    /// The members visible to this user (anchors only in live scenes).
    public var users: [RoomMember]
    /// How often to send `ping` and STUN consent requests, in ms.
    public var heartbeatMs: Int
    /// Silence after which a member is evicted (`userLeft` reason 1), in ms.
    public var userTimeoutMs: Int
    /// Whether this join re-attached a live session (`resume`): no one saw a leave or a join.
    public var resumed: Bool

    /// A join answer.
    public init(
        sessionId: String, elapsedMs: Int, server: ServerTransport, users: [RoomMember], heartbeatMs: Int,
        userTimeoutMs: Int, resumed: Bool = false
    ) {
        self.sessionId = sessionId
        self.elapsedMs = elapsedMs
        self.server = server
        self.users = users
        self.heartbeatMs = heartbeatMs
        self.userTimeoutMs = userTimeoutMs
        self.resumed = resumed
    }

    private enum CodingKeys: String, CodingKey {
        case sessionId, elapsedMs, server, users, heartbeatMs, userTimeoutMs, resumed
    }

    /// Decodes the fields; an absent `resumed` means false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sessionId = try c.decode(String.self, forKey: .sessionId)
        elapsedMs = try c.decode(Int.self, forKey: .elapsedMs)
        server = try c.decode(ServerTransport.self, forKey: .server)
        users = try c.decode([RoomMember].self, forKey: .users)
        heartbeatMs = try c.decode(Int.self, forKey: .heartbeatMs)
        userTimeoutMs = try c.decode(Int.self, forKey: .userTimeoutMs)
        resumed = try c.decodeIfPresent(Bool.self, forKey: .resumed) ?? false
    }
}
