/// A client → server message (protocol.md §1).
public enum ClientMessage: SignalingMessage {
    /// `join`: the first message of a connection.
    case join(JoinRequest)
    /// `publish`: anchors only.
    case publish(PublishRequest)
    /// `unpublish`.
    case unpublish(UnpublishRequest)
    /// `mute`: others get `streamMuted`.
    case mute(MuteRequest)
    /// `subscribe`.
    case subscribe(SubscriptionRequest)
    /// `unsubscribe`.
    case unsubscribe(SubscriptionRequest)
    /// `switchRole`.
    case switchRole(SwitchRoleRequest)
    /// `customCmd`.
    case customCmd(CustomCmdRequest)
    /// `ping`: answered by `pong`.
    case ping(Ping)
    /// `leave`: answered by `leave.ok`, then the server closes the socket.
    case leave

    /// The message's type.
    public var messageType: ClientMessageType {
        switch self {
        case .join: .join
        case .publish: .publish
        case .unpublish: .unpublish
        case .mute: .mute
        case .subscribe: .subscribe
        case .unsubscribe: .unsubscribe
        case .switchRole: .switchRole
        case .customCmd: .customCmd
        case .ping: .ping
        case .leave: .leave
        }
    }

    /// The `type` string the message is sent with.
    public var type: String { messageType.rawValue }

    /// Decodes the client message named `type`; nil for any other type.
    public init?(type: String, from decoder: any Decoder) throws {
        guard let messageType = ClientMessageType(rawValue: type) else { return nil }
        switch messageType {
        case .join: self = .join(try JoinRequest(from: decoder))
        case .publish: self = .publish(try PublishRequest(from: decoder))
        case .unpublish: self = .unpublish(try UnpublishRequest(from: decoder))
        case .mute: self = .mute(try MuteRequest(from: decoder))
        case .subscribe: self = .subscribe(try SubscriptionRequest(from: decoder))
        case .unsubscribe: self = .unsubscribe(try SubscriptionRequest(from: decoder))
        case .switchRole: self = .switchRole(try SwitchRoleRequest(from: decoder))
        case .customCmd: self = .customCmd(try CustomCmdRequest(from: decoder))
        case .ping: self = .ping(try Ping(from: decoder))
        case .leave: self = .leave
        }
    }

    /// Encodes the message's fields.
    public func encodeFields(to encoder: any Encoder) throws {
        switch self {
        case .join(let request): try request.encode(to: encoder)
        case .publish(let request): try request.encode(to: encoder)
        case .unpublish(let request): try request.encode(to: encoder)
        case .mute(let request): try request.encode(to: encoder)
        case .subscribe(let request), .unsubscribe(let request): try request.encode(to: encoder)
        case .switchRole(let request): try request.encode(to: encoder)
        case .customCmd(let request): try request.encode(to: encoder)
        case .ping(let ping): try ping.encode(to: encoder)
        case .leave: break
        }
    }
}
