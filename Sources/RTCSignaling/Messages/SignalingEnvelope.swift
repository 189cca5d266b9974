/// One frame: a message and the `requestId` that pairs a request with its answer (protocol.md §1).
public struct SignalingEnvelope<Message: SignalingMessage>: Sendable, Equatable {
    /// The request's id, echoed by its `<type>.ok` or `error`; nil on events and on requests without one.
    public var requestId: Int?
    /// The message.
    public var message: Message

    /// A frame carrying `message`.
    public init(_ message: Message, requestId: Int? = nil) {
        self.message = message
        self.requestId = requestId
    }
}
