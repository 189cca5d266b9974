/// How likely speech must be before the voice activity detector reports it
/// (webrtc `VoiceDetection::Likelihood`): higher misses more quiet speech but flags less noise.
public enum VoiceLikelihood: Int, Sendable, Equatable, CaseIterable {
    /// Reports voice most readily.
    case veryLow
    /// webrtc's default.
    case low
    /// Fewer false positives.
    case moderate
    /// Reports voice only when it is clear.
    case high
}
