/// One RTP packet's payload with the header fields the jitter buffer orders and times it by (RFC 3550 §5.1).
public struct JitterBufferPacket: Sendable, Equatable {
    /// RTP sequence number: the playout order, wrapping at 65536.
    public var sequenceNumber: UInt16
    /// RTP timestamp in clock-rate units: spacing between packets, wrapping at 2³².
    public var timestamp: UInt32
    /// The encoded frame (an Opus packet).
    public var payload: [UInt8]

    /// A packet for `JitterBuffer.insert(_:arrival:)`.
    public init(sequenceNumber: UInt16, timestamp: UInt32, payload: [UInt8]) {
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.payload = payload
    }
}
