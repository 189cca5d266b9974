import Foundation

/// Measures the level of PCM16 audio over an interval: RMS in dBFS, TRTC's 0–100 volume, and the
/// RFC 6464 audio level carried in the `ssrc-audio-level` RTP header extension.
public struct LevelMeter: Sendable, Equatable {
    /// The quietest level reported, in dBFS: silence reads as this rather than −∞.
    public static let floorDBFS = -127.0
    /// Levels at or below this read as volume 0; the scale is linear in dB up to 0 dBFS (volume 100).
    public static let volumeFloorDBFS = -60.0

    private var sumOfSquares = 0.0
    private var sampleCount = 0

    /// An empty meter (reads as silence).
    public init() {}

    /// Adds samples to the interval being measured.
    public mutating func add(_ samples: UnsafeBufferPointer<Int16>) {
        var sum = 0.0
        for sample in samples { sum += Double(sample) * Double(sample) }
        sumOfSquares += sum
        sampleCount += samples.count
    }

    /// Adds samples to the interval being measured.
    public mutating func add(_ samples: [Int16]) {
        samples.withUnsafeBufferPointer { add($0) }
    }

    /// Starts a new interval.
    public mutating func reset() { self = LevelMeter() }

    /// RMS level relative to a full-scale square wave, in dBFS (−127...0).
    public var dbfs: Double {
        guard sampleCount > 0, sumOfSquares > 0 else { return Self.floorDBFS }
        let rms = (sumOfSquares / Double(sampleCount)).squareRoot()
        return max(Self.floorDBFS, min(0, 20 * log10(rms / 32768)))
    }

    /// Volume 0...100 as TRTC's `onUserVoiceVolume` reports it: 0 at −60 dBFS or below, 100 at 0 dBFS.
    public var volume: Int {
        Int(((dbfs - Self.volumeFloorDBFS) / -Self.volumeFloorDBFS * 100).rounded().clamped(to: 0...100))
    }

    /// The RFC 6464 §3 audio level: the level in −dBov, 0 (loudest) ... 127 (silence).
    public var audioLevel: UInt8 { UInt8((-dbfs).rounded().clamped(to: 0...127)) }
}

extension Double {
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
