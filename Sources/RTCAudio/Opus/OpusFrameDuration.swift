/// The duration of audio one Opus packet carries (RFC 6716 §2.1.4), as sent in RTP.
public enum OpusFrameDuration: Int, Sendable, Equatable, CaseIterable {
    /// 10 ms: lowest latency, most packet overhead.
    case ms10 = 10
    /// 20 ms: the WebRTC and TRTC default.
    case ms20 = 20
    /// 40 ms: fewer packets on constrained links.
    case ms40 = 40
    /// 60 ms: fewest packets, most latency.
    case ms60 = 60

    /// The duration in milliseconds.
    public var milliseconds: Int { rawValue }

    /// Samples per channel in one frame at `sampleRate` Hz.
    public func samplesPerChannel(sampleRate: Int) -> Int { sampleRate * rawValue / 1000 }
}
