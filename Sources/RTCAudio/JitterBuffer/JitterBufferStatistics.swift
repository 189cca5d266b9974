/// Counters and delay figures of one `JitterBuffer`, for RTCP receiver reports and TRTC statistics.
public struct JitterBufferStatistics: Sendable, Equatable {
    /// Packets accepted into the buffer.
    public var received = 0
    /// Packets handed out for decoding (`.packet`).
    public var played = 0
    /// Frames whose packet was missing when they were due: concealed or recovered from FEC.
    public var lost = 0
    /// Of the lost frames, those handed out as `.recover` (the next packet was there).
    public var recovered = 0
    /// Packets that arrived after their frame had been played, and were dropped.
    public var late = 0
    /// Packets received more than once (the copies were dropped).
    public var duplicates = 0
    /// Packets dropped to bring the delay back down to the target, or outside the buffer's window.
    public var discarded = 0
    /// Pulls that found the buffer empty while playing: playout waited (concealing) for late packets.
    public var underruns = 0
    /// Times the stream restarted after a jump in sequence numbers (a new sender, a reset).
    public var restarts = 0
    /// RFC 3550 §6.4.1 interarrival jitter, in RTP timestamp units (the value RTCP reports carry).
    public var jitterTimestampUnits: UInt32 = 0
    /// The same jitter as a duration.
    public var jitter: Duration = .zero
    /// The delay the buffer aims for: a multiple of the jitter, within the configured bounds.
    public var targetDelay: Duration = .zero
    /// Audio buffered ahead of the playout point after the last pull.
    public var currentDelay: Duration = .zero

    /// Lost frames over frames due (`lost / (played + lost)`), 0 when nothing was due.
    public var lossRate: Double {
        played + lost == 0 ? 0 : Double(lost) / Double(played + lost)
    }
}
