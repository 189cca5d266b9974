/// One direction's set of messages: each is a JSON object whose `type` names it (protocol.md §1).
public protocol SignalingMessage: Sendable, Equatable {
    /// The `type` string the message is sent with.
    var type: String { get }

    /// Decodes the message named `type` from the frame's other fields; nil when this direction has no such type.
    init?(type: String, from decoder: any Decoder) throws

    /// Encodes the message's fields beside `type` and `requestId`.
    func encodeFields(to encoder: any Encoder) throws
}
