/// What to play for the next frame, as `JitterBuffer.pull(at:)` decides it.
public enum JitterBufferOutput: Sendable, Equatable {
    /// Decode this packet.
    case packet(JitterBufferPacket)
    /// This frame's packet is lost but the next one is here: rebuild the frame from the next packet's
    /// in-band FEC (`OpusDecoder.recover(from:samplesPerChannel:)`); the next pull returns that packet.
    case recover(from: JitterBufferPacket)
    /// Nothing to decode for this frame: fill it by packet-loss concealment (`OpusDecoder.conceal`).
    case conceal
    /// The stream is not playing (nothing received yet, filling up to the target delay, or paused): play silence.
    case idle
}
