/// The format and the components an `AudioProcessor` runs; `nil` turns a component off.
public struct AudioProcessorConfiguration: Sendable, Equatable {
    /// Rate of both streams in Hz: 8000, 16000, 32000 or 48000.
    public var sampleRate: Int
    /// 1 (mono) or 2 (stereo, interleaved), for both streams.
    public var channels: Int
    /// Acoustic echo cancellation (AEC with extended filter, delay-agnostic) and its suppression level.
    public var echoCancellation: EchoSuppressionLevel?
    /// Noise suppression and its level.
    public var noiseSuppression: NoiseSuppressionLevel?
    /// Adaptive digital gain control; off by default, as a voice engine's capture gain is the app's choice.
    public var gainControl: GainControlSettings?
    /// Voice activity detection (read `AudioProcessor.hasVoice` after each frame) and its likelihood.
    public var voiceDetection: VoiceLikelihood?
    /// A high-pass filter that removes DC and rumble below about 80 Hz.
    public var highPassFilter: Bool

    /// 48 kHz mono with AEC (moderate), NS (moderate), VAD (low likelihood) and the high-pass filter; AGC off.
    public init(
        sampleRate: Int = 48000, channels: Int = 1,
        echoCancellation: EchoSuppressionLevel? = .moderate,
        noiseSuppression: NoiseSuppressionLevel? = .moderate,
        gainControl: GainControlSettings? = nil,
        voiceDetection: VoiceLikelihood? = .low,
        highPassFilter: Bool = true
    ) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.echoCancellation = echoCancellation
        self.noiseSuppression = noiseSuppression
        self.gainControl = gainControl
        self.voiceDetection = voiceDetection
        self.highPassFilter = highPassFilter
    }

    /// Interleaved samples in one 10 ms frame, the unit every call processes.
    public var frameLength: Int { sampleRate / 100 * channels }
}
