/// How hard the echo canceller's non-linear stage suppresses residual echo
/// (webrtc `EchoCancellation::SuppressionLevel`): higher trades double-talk for less echo.
public enum EchoSuppressionLevel: Int, Sendable, Equatable, CaseIterable {
    /// Keeps the most double-talk.
    case low
    /// The usual choice.
    case moderate
    /// Removes the most residual echo.
    case high
}
