import Foundation

/// A block of PCM16 interleaved audio (TRTC's `TRTCAudioFrame`): what custom capture sends,
/// what frame callbacks deliver, what custom rendering fills. A class, as in TRTC, so that
/// `getCustomAudioRenderingFrame` can fill the one it is given.
public final class TRTCAudioFrame: @unchecked Sendable {  // Like TRTC's: owned by one caller at a time.
    /// Interleaved little-endian PCM16 samples.
    public var data: Data
    /// Samples per second: 16000, 24000, 32000, 44100 or 48000 for custom capture.
    public var sampleRate: Int
    /// 1 or 2.
    public var channels: Int
    /// Capture or render time in milliseconds (see `generateCustomPTS()`); 0 lets the engine stamp it.
    public var timestamp: UInt64

    /// A frame of the given audio.
    public init(data: Data = Data(), sampleRate: Int = 48_000, channels: Int = 1, timestamp: UInt64 = 0) {
        self.data = data
        self.sampleRate = sampleRate
        self.channels = channels
        self.timestamp = timestamp
    }

    /// A frame from samples.
    public convenience init(samples: [Int16], sampleRate: Int, channels: Int, timestamp: UInt64 = 0) {
        self.init(data: samples.withUnsafeBufferPointer { Data(buffer: $0) }, sampleRate: sampleRate, channels: channels, timestamp: timestamp)
    }

    /// The samples, interleaved.
    public var samples: [Int16] {
        get {
            data.withUnsafeBytes { raw in Array(raw.bindMemory(to: Int16.self)) }
        }
        set {
            data = newValue.withUnsafeBufferPointer { Data(buffer: $0) }
        }
    }

    /// The frame's length in milliseconds (0 when the format is invalid).
    public var durationMilliseconds: Double {
        guard sampleRate > 0, channels > 0 else { return 0 }
        return Double(data.count / 2 / channels) * 1000 / Double(sampleRate)
    }
}

/// The format the engine delivers audio frame callbacks in (TRTC's `TRTCAudioFrameDelegateFormat`).
public struct TRTCAudioFrameDelegateFormat: Sendable, Equatable {
    /// 16000, 32000, 44100 or 48000.
    public var sampleRate: Int
    /// 1 or 2.
    public var channels: Int
    /// Samples per channel per callback: a multiple of 10 ms at `sampleRate`.
    public var samplesPerCall: Int

    /// A callback format; by default 48 kHz mono, 20 ms.
    public init(sampleRate: Int = 48_000, channels: Int = 1, samplesPerCall: Int = 960) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.samplesPerCall = samplesPerCall
    }

    /// Whether the engine can deliver this format.
    var isValid: Bool {
        [16_000, 32_000, 44_100, 48_000].contains(sampleRate) && (1...2).contains(channels)
            && samplesPerCall > 0 && samplesPerCall % (sampleRate / 100) == 0
    }
}
