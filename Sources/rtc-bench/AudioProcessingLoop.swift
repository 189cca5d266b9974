import CNativeLoops
import RTCAudio

/// The Swift side of the APM row: the same steps as `cnl_apm_process_ns` through `AudioProcessor`.
enum AudioProcessingLoop {
    /// 48 kHz mono with every component on: AEC (moderate), NS (high), adaptive digital AGC, VAD (low), HPF.
    static let configuration = AudioProcessorConfiguration(
        sampleRate: 48000, channels: 1, echoCancellation: .moderate, noiseSuppression: .high,
        gainControl: GainControlSettings(), voiceDetection: .low, highPassFilter: true)
    /// The delay hint given to the echo canceller once, before the loop (the near end's echo is 40 ms late).
    static let streamDelayMilliseconds = 40

    /// The same settings for the C loop.
    static var nativeSettings: cnl_apm_settings {
        let gain = configuration.gainControl ?? GainControlSettings()
        return cnl_apm_settings(
            sample_rate_hz: Int32(configuration.sampleRate), channels: Int32(configuration.channels),
            echo_suppression_level: Int32(configuration.echoCancellation?.rawValue ?? 0),
            noise_suppression_level: Int32(configuration.noiseSuppression?.rawValue ?? 0),
            gain_target_level_dbfs: Int32(gain.targetLevelDBFS), gain_compression_db: Int32(gain.compressionGainDB),
            gain_limiter: gain.limiter ? 1 : 0, voice_likelihood: Int32(configuration.voiceDetection?.rawValue ?? 0),
            stream_delay_ms: Int32(streamDelayMilliseconds))
    }

    /// Per iteration, frame `i` modulo the signal length: the far-end frame through `analyzeFarEnd`, then the
    /// near-end frame copied into the work buffer and processed in place by `processNearEnd`. Frames
    /// 0..<`CNL_WARMUP_OPERATIONS` run untimed first, as in C.
    static func process(iterations: Int) throws -> Double {
        let processor = try AudioProcessor(configuration)
        try processor.setStreamDelay(milliseconds: streamDelayMilliseconds)
        let frame = configuration.frameLength
        let frames = Int(CNL_APM_SIGNAL_FRAMES)
        let far = UnsafeMutableBufferPointer<Int16>.allocate(capacity: frame * frames)
        let near = UnsafeMutableBufferPointer<Int16>.allocate(capacity: frame * frames)
        let work = UnsafeMutableBufferPointer<Int16>.allocate(capacity: frame)
        defer {
            far.deallocate()
            near.deallocate()
            work.deallocate()
        }
        cnl_fill_apm_signals(far.baseAddress, near.baseAddress, Int32(configuration.channels), Int32(configuration.sampleRate))
        let farBase = UnsafePointer(far.baseAddress!), nearBase = UnsafePointer(near.baseAddress!)
        let workBase = work.baseAddress!
        let warmup = Int(CNL_WARMUP_OPERATIONS)
        @inline(__always) func process(_ index: Int) throws {
            let offset = (index % frames) * frame
            try processor.analyzeFarEnd(UnsafeBufferPointer(start: farBase + offset, count: frame))
            workBase.update(from: nearBase + offset, count: frame)
            try processor.processNearEnd(work)
        }
        for index in 0..<warmup { try process(index) }
        return try ThreadCPUClock.perOperation(iterations: iterations) { try process(warmup + $0) }
    }
}
