import Foundation
internal import CAudioProcessing

/// Echo cancellation, noise suppression, gain control, voice detection and high-pass filtering of
/// 10 ms PCM16 frames (webrtc-audio-processing 0.3); owns one `webrtc::AudioProcessing`.
///
/// Feed the far end (what is played out) through `analyzeFarEnd` and the near end (what is captured)
/// through `processNearEnd`, frame by frame; the two may come from different threads.
public final class AudioProcessor: @unchecked Sendable {  // every use of `handle` holds `lock`
    /// The largest delay `setStreamDelay(milliseconds:)` accepts.
    public static let maximumStreamDelayMilliseconds = 500

    private let lock = NSLock()
    private let handle: OpaquePointer
    private var current: AudioProcessorConfiguration

    /// Creates and initializes a processor; throws `AudioError.invalidArgument` for an unsupported setting.
    public init(_ configuration: AudioProcessorConfiguration = AudioProcessorConfiguration()) throws(AudioError) {
        var config = try Self.native(configuration)
        var error: Int32 = 0
        guard let handle = cap_create(&config, &error) else {
            throw .processing(operation: "create", code: Int(error))
        }
        self.handle = handle
        self.current = configuration
    }

    deinit { cap_destroy(handle) }

    /// The settings in effect.
    public var configuration: AudioProcessorConfiguration {
        lock.withLock { current }
    }

    /// Switches components on or off or changes their levels; a new rate or channel count reinitializes.
    public func reconfigure(_ configuration: AudioProcessorConfiguration) throws(AudioError) {
        var config = try Self.native(configuration)
        let code = lock.withLock {
            let code = cap_configure(handle, &config)
            if code == 0 { current = configuration }
            return code
        }
        guard code == 0 else { throw .processing(operation: "configure", code: Int(code)) }
    }

    /// Tells the echo canceller how long after `analyzeFarEnd` its echo reaches `processNearEnd` (0...500 ms).
    ///
    /// A hint only: the canceller is delay-agnostic and tracks the real delay itself.
    public func setStreamDelay(milliseconds: Int) throws(AudioError) {
        guard (0...Self.maximumStreamDelayMilliseconds).contains(milliseconds) else {
            throw .invalidArgument(what: "stream delay ms", value: milliseconds)
        }
        lock.withLock { cap_set_stream_delay_ms(handle, Int32(milliseconds)) }
    }

    /// Processes one captured 10 ms frame in place (exactly `configuration.frameLength` samples).
    public func processNearEnd(_ frame: UnsafeMutableBufferPointer<Int16>) throws(AudioError) {
        let code = try locked { () throws(AudioError) -> Int32 in
            let perChannel = try samplesPerChannel(frame.count)
            guard let base = frame.baseAddress else { return 0 }
            return cap_process_capture(handle, base, perChannel)
        }
        guard code == 0 else { throw .processing(operation: "process near end", code: Int(code)) }
    }

    /// Processes one captured 10 ms frame in place (exactly `configuration.frameLength` samples).
    public func processNearEnd(_ frame: inout [Int16]) throws(AudioError) {
        try frame.withUnsafeMutableBufferPointer { buffer throws(AudioError) in try processNearEnd(buffer) }
    }

    /// Feeds one 10 ms frame of the far end, as it is played out: the echo canceller's reference.
    public func analyzeFarEnd(_ frame: UnsafeBufferPointer<Int16>) throws(AudioError) {
        let code = try locked { () throws(AudioError) -> Int32 in
            let perChannel = try samplesPerChannel(frame.count)
            guard let base = frame.baseAddress else { return 0 }
            return cap_analyze_reverse(handle, base, perChannel)
        }
        guard code == 0 else { throw .processing(operation: "analyze far end", code: Int(code)) }
    }

    /// Feeds one 10 ms frame of the far end, as it is played out: the echo canceller's reference.
    public func analyzeFarEnd(_ frame: [Int16]) throws(AudioError) {
        try frame.withUnsafeBufferPointer { buffer throws(AudioError) in try analyzeFarEnd(buffer) }
    }

    /// Whether the last near-end frame held voice (false while voice detection is off).
    public var hasVoice: Bool { lock.withLock { cap_has_voice(handle) != 0 } }

    /// Whether the last near-end frame may have held echo (false while echo cancellation is off).
    public var hasEcho: Bool { lock.withLock { cap_has_echo(handle) != 0 } }

    /// The noise suppressor's speech probability for the last near-end frame (0...1), `nil` while NS is off.
    public var speechProbability: Double? {
        let value = lock.withLock { cap_speech_probability(handle) }
        return value < 0 ? nil : Double(value)
    }

    /// The echo canceller's statistics, `nil` while it is off or before it has any.
    public var echoMetrics: EchoCancellerMetrics? {
        var metrics = cap_metrics()
        let code = lock.withLock { cap_get_metrics(handle, &metrics) }
        guard code == 0, metrics.valid != 0 else { return nil }
        return EchoCancellerMetrics(
            echoReturnLoss: Self.level(metrics.echo_return_loss),
            echoReturnLossEnhancement: Self.level(metrics.echo_return_loss_enhancement),
            residualEchoReturnLoss: Self.level(metrics.residual_echo_return_loss),
            linearEchoReduction: Self.level(metrics.a_nlp),
            delayMedianMilliseconds: Int(metrics.delay_median_ms),
            delayStandardDeviationMilliseconds: Int(metrics.delay_std_ms),
            fractionPoorDelays: Double(metrics.fraction_poor_delays))
    }

    /// webrtc reports −100 dB for a level it has not measured.
    private static func level(_ value: Int32) -> Int? { value <= -100 ? nil : Int(value) }

    /// Runs `body` holding `lock`, passing its typed error through.
    private func locked<T>(_ body: () throws(AudioError) -> T) throws(AudioError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Checks a frame's length against the format in effect (call with `lock` held).
    private func samplesPerChannel(_ count: Int) throws(AudioError) -> Int {
        guard count == current.frameLength else {
            throw .invalidArgument(what: "10 ms frame length", value: count)
        }
        return count / current.channels
    }

    private static func native(_ c: AudioProcessorConfiguration) throws(AudioError) -> cap_config {
        guard [8000, 16000, 32000, 48000].contains(c.sampleRate) else {
            throw .invalidArgument(what: "audio processing sample rate", value: c.sampleRate)
        }
        guard c.channels == 1 || c.channels == 2 else {
            throw .invalidArgument(what: "audio processing channel count", value: c.channels)
        }
        let gain = c.gainControl ?? GainControlSettings()
        guard (0...31).contains(gain.targetLevelDBFS) else {
            throw .invalidArgument(what: "AGC target level dBFS", value: gain.targetLevelDBFS)
        }
        guard (0...90).contains(gain.compressionGainDB) else {
            throw .invalidArgument(what: "AGC compression gain dB", value: gain.compressionGainDB)
        }
        return cap_config(
            sample_rate_hz: Int32(c.sampleRate), channels: Int32(c.channels),
            echo_cancellation: c.echoCancellation == nil ? 0 : 1,
            echo_suppression_level: Int32(c.echoCancellation?.rawValue ?? 0),
            noise_suppression: c.noiseSuppression == nil ? 0 : 1,
            noise_suppression_level: Int32(c.noiseSuppression?.rawValue ?? 0),
            gain_control: c.gainControl == nil ? 0 : 1,
            gain_target_level_dbfs: Int32(gain.targetLevelDBFS),
            gain_compression_db: Int32(gain.compressionGainDB),
            gain_limiter: gain.limiter ? 1 : 0,
            voice_detection: c.voiceDetection == nil ? 0 : 1,
            voice_likelihood: Int32(c.voiceDetection?.rawValue ?? 0),
            high_pass_filter: c.highPassFilter ? 1 : 0)
    }
}
