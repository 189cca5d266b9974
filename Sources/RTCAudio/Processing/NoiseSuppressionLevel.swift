/// How hard the noise suppressor works (webrtc `NoiseSuppression::Level`; TRTC's denoiser levels).
public enum NoiseSuppressionLevel: Int, Sendable, Equatable, CaseIterable {
    /// Least suppression, least speech distortion.
    case low
    /// A balance for typical rooms.
    case moderate
    /// Strong suppression for noisy places.
    case high
    /// Strongest suppression; may thin out speech.
    case veryHigh
}
