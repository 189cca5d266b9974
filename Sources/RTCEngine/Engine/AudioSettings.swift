import Foundation
import RTCAudio
import NIOConcurrencyHelpers

/// The app's audio settings, read by the engine's threads as they run: volumes, mutes,
/// processing switches, frame delegate and formats. Shared by a cloud and its session.
final class AudioSettings: Sendable {
    struct Values {
        var captureVolume = 100
        var playoutVolume = 100
        var remoteVolumes: [String: Int] = [:]
        var localMuted = false
        var echoCancellation = true
        var noiseSuppression: NoiseSuppressionLevel? = .moderate
        var automaticGainControl = false
        weak var frameDelegate: (any TRTCAudioFrameDelegate)?
        var capturedFormat = TRTCAudioFrameDelegateFormat()
        var processedFormat = TRTCAudioFrameDelegateFormat()
        var mixedPlayFormat = TRTCAudioFrameDelegateFormat()
        var customCapture = false
        var customRendering = false
        var mixExternalPublish = false
        var mixExternalPlayout = false
        var autoReceiveAudio = true
        var volumeEvaluation: TRTCAudioVolumeEvaluateParams?
    }

    private let values = NIOLockedValueBox(Values())

    /// Reads the settings.
    func read<T>(_ body: (Values) -> T) -> T { values.withLockedValue { body($0) } }

    /// Changes the settings.
    func update(_ body: (inout Values) -> Void) { values.withLockedValue { body(&$0) } }

    /// The processing configuration for a codec rate and channel count.
    func processorConfiguration(sampleRate: Int, channels: Int) -> AudioProcessorConfiguration {
        read { v in
            AudioProcessorConfiguration(
                sampleRate: sampleRate, channels: channels, echoCancellation: v.echoCancellation ? .moderate : nil,
                noiseSuppression: v.noiseSuppression, gainControl: v.automaticGainControl ? GainControlSettings() : nil,
                voiceDetection: .low, highPassFilter: true)
        }
    }
}

/// Blocks of interleaved samples waiting between threads, under a lock, bounded.
final class SampleQueue: Sendable {
    private let samples = NIOLockedValueBox<[Int16]>([])
    private let capacity: Int

    /// A queue holding at most `capacity` samples; older samples are dropped beyond it.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Appends samples; returns how many are queued now.
    @discardableResult
    func append(_ more: [Int16]) -> Int {
        samples.withLockedValue { queued in
            queued.append(contentsOf: more)
            if queued.count > capacity { queued.removeFirst(queued.count - capacity) }
            return queued.count
        }
    }

    /// Takes exactly `count` samples, or nil when fewer are queued.
    func take(_ count: Int) -> [Int16]? {
        samples.withLockedValue { queued in
            guard queued.count >= count else { return nil }
            defer { queued.removeFirst(count) }
            return Array(queued.prefix(count))
        }
    }

    /// Takes up to `count` samples, padding with silence.
    func takePadded(_ count: Int) -> [Int16] {
        samples.withLockedValue { queued in
            let available = min(count, queued.count)
            var out = Array(queued.prefix(available))
            queued.removeFirst(available)
            if available < count { out += [Int16](repeating: 0, count: count - available) }
            return out
        }
    }

    /// Samples queued.
    var count: Int { samples.withLockedValue { $0.count } }

    /// Drops everything.
    func clear() { samples.withLockedValue { $0.removeAll() } }
}

/// Converts interleaved PCM16 from one rate and channel count to another, keeping resampler state.
/// Not thread-safe: each one lives in a lock (`NIOLockedValueBox`) and is used only inside it.
final class FormatConverter: @unchecked Sendable {
    let inputRate: Int
    let inputChannels: Int
    let outputRate: Int
    let outputChannels: Int
    private let resampler: Resampler?

    init(inputRate: Int, inputChannels: Int, outputRate: Int, outputChannels: Int) throws {
        self.inputRate = inputRate
        self.inputChannels = inputChannels
        self.outputRate = outputRate
        self.outputChannels = outputChannels
        resampler =
            inputRate == outputRate
            ? nil : try Resampler(inputRate: inputRate, outputRate: outputRate, channels: min(inputChannels, outputChannels))
    }

    /// Converts one block: downmix first, resample, then upmix, so the resampler sees the fewest channels.
    func convert(_ samples: [Int16]) -> [Int16] {
        var block = samples
        if inputChannels == 2 && outputChannels == 1 {
            block = stride(from: 0, to: samples.count - 1, by: 2).map {
                Int16((Int32(samples[$0]) + Int32(samples[$0 + 1])) / 2)
            }
        }
        if let resampler { block = resampler.process(block) }
        if inputChannels == 1 && outputChannels == 2 {
            block = block.flatMap { [$0, $0] }
        }
        return block
    }
}
