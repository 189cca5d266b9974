/// `ping`: the client's heartbeat, sent every `heartbeatMs`; answered by `pong` with the same `ts`.
public struct Ping: Codable, Sendable, Equatable {
    /// The sender's clock in milliseconds.
    public var ts: Int64

    /// A ping stamped `ts`.
    public init(ts: Int64) { self.ts = ts }
}
