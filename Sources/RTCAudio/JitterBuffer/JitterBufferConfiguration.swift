/// Bounds and timing of one stream's `JitterBuffer`.
public struct JitterBufferConfiguration: Sendable, Equatable {
    /// RTP clock rate of the stream's timestamps (48000 for Opus, RFC 7587 §4.1).
    public var clockRate: Int
    /// Audio per packet until the buffer learns it from the timestamps of consecutive packets.
    public var frameDuration: Duration
    /// The target delay never goes below this.
    public var minimumDelay: Duration
    /// The target delay never goes above this, and buffered audio beyond it is dropped.
    public var maximumDelay: Duration
    /// Most packets held at once: bounds memory and the reordering window.
    public var capacity: Int

    /// Opus over RTP defaults: 48 kHz clock, 20 ms frames, 20–500 ms delay, 128 packets.
    public init(
        clockRate: Int = 48000, frameDuration: Duration = .milliseconds(20),
        minimumDelay: Duration = .milliseconds(20), maximumDelay: Duration = .milliseconds(500),
        capacity: Int = 128
    ) {
        self.clockRate = clockRate
        self.frameDuration = frameDuration
        self.minimumDelay = minimumDelay
        self.maximumDelay = maximumDelay
        self.capacity = capacity
    }
}
