/// A server → client message: answers to requests and room events (protocol.md §1).
public enum ServerMessage: SignalingMessage {
    /// `join.ok`.
    case joinOK(JoinAnswer)
    /// `<type>.ok` for a request other than `join` and `ping`.
    case ok(AcknowledgedRequest)
    /// `userJoined`.
    case userJoined(UserJoined)
    /// `userLeft`.
    case userLeft(UserLeft)
    /// `streamPublished`.
    case streamPublished(StreamEvent)
    /// `streamUnpublished`.
    case streamUnpublished(StreamEvent)
    /// `streamMuted`.
    case streamMuted(StreamEvent)
    /// `customCmd`.
    case customCmd(CustomCmdNotification)
    /// `kicked`.
    case kicked(Kicked)
    /// `pong`.
    case pong(Pong)
    /// `error`.
    case error(ErrorReply)

    private static let okSuffix = ".ok"

    /// The `type` string the message is sent with.
    public var type: String {
        switch self {
        case .joinOK: ClientMessageType.join.rawValue + Self.okSuffix
        case .ok(let request): request.answerType
        case .userJoined: "userJoined"
        case .userLeft: "userLeft"
        case .streamPublished: "streamPublished"
        case .streamUnpublished: "streamUnpublished"
        case .streamMuted: "streamMuted"
        case .customCmd: "customCmd"
        case .kicked: "kicked"
        case .pong: "pong"
        case .error: "error"
        }
    }

    /// Decodes the server message named `type`; nil for any other type.
    public init?(type: String, from decoder: any Decoder) throws {
        switch type {
        case "join.ok": self = .joinOK(try JoinAnswer(from: decoder))
        case "userJoined": self = .userJoined(try UserJoined(from: decoder))
        case "userLeft": self = .userLeft(try UserLeft(from: decoder))
        case "streamPublished": self = .streamPublished(try StreamEvent(from: decoder))
        case "streamUnpublished": self = .streamUnpublished(try StreamEvent(from: decoder))
        case "streamMuted": self = .streamMuted(try StreamEvent(from: decoder))
        case "customCmd": self = .customCmd(try CustomCmdNotification(from: decoder))
        case "kicked": self = .kicked(try Kicked(from: decoder))
        case "pong": self = .pong(try Pong(from: decoder))
        case "error": self = .error(try ErrorReply(from: decoder))
        default:
            guard type.hasSuffix(Self.okSuffix),
                let request = AcknowledgedRequest(rawValue: String(type.dropLast(Self.okSuffix.count)))
            else { return nil }
            self = .ok(request)
        }
    }

    /// Encodes the message's fields.
    public func encodeFields(to encoder: any Encoder) throws {
        switch self {
        case .joinOK(let answer): try answer.encode(to: encoder)
        case .ok: break
        case .userJoined(let event): try event.encode(to: encoder)
        case .userLeft(let event): try event.encode(to: encoder)
        case .streamPublished(let event), .streamUnpublished(let event), .streamMuted(let event):
            try event.encode(to: encoder)
        case .customCmd(let notification): try notification.encode(to: encoder)
        case .kicked(let kicked): try kicked.encode(to: encoder)
        case .pong(let pong): try pong.encode(to: encoder)
        case .error(let reply): try reply.encode(to: encoder)
        }
    }
}
