/// `pong`: the answer to `ping`, echoing its `ts` so that the client can measure the round trip.
public struct Pong: Codable, Sendable, Equatable {
    /// The `ts` of the ping answered.
    public var ts: Int64

    /// A pong for the ping stamped `ts`.
    public init(ts: Int64) { self.ts = ts }
}
