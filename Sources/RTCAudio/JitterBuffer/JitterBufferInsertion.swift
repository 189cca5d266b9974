/// What `JitterBuffer.insert(_:arrival:)` did with a packet.
public enum JitterBufferInsertion: Sendable, Equatable {
    /// Buffered for playout.
    case accepted
    /// Dropped: this sequence number was already received.
    case duplicate
    /// Dropped: its frame has already been played (concealed or recovered), at most `capacity` frames ago.
    case late
    /// Dropped: too far from the playout point to buffer (a second such packet in sequence restarts the stream).
    case outOfWindow
}
