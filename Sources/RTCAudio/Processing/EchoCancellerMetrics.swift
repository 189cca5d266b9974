/// Long-term averages the echo canceller reports (webrtc `EchoCancellation::Metrics`), in dB, plus its delay estimate.
///
/// A level is `nil` until the canceller has measured it: it needs far-end activity that varies
/// (speech does; steady noise does not).
public struct EchoCancellerMetrics: Sendable, Equatable {
    /// ERL = 10·log10(P_far / P_echo): how much quieter the echo is than the far end.
    public var echoReturnLoss: Int?
    /// ERLE = 10·log10(P_echo / P_out): how much the canceller removed.
    public var echoReturnLossEnhancement: Int?
    /// RERL = ERL + ERLE.
    public var residualEchoReturnLoss: Int?
    /// Echo removed before the non-linear processor: 10·log10(P_echo / P_a).
    public var linearEchoReduction: Int?
    /// Median of the estimated far-to-near delay, in ms.
    public var delayMedianMilliseconds: Int
    /// Standard deviation of that estimate, in ms.
    public var delayStandardDeviationMilliseconds: Int
    /// Share of delay estimates poor enough to hurt cancellation (0...1).
    public var fractionPoorDelays: Double
}
