import Foundation

/// Finds the dominant frequency of received audio with Goertzel DFT bins: a coarse scan of
/// short-window bins from 40 Hz to 4 kHz, then a fine scan around the coarse peak with a long window.
enum PitchDetector {
    /// The dominant frequency in Hz of mono PCM16 at `sampleRate`, or nil when the audio is shorter
    /// than 0.1 s or silent.
    static func dominantFrequency(of samples: [Int16], sampleRate: Int) -> Double? {
        let coarseLength = min(samples.count, 4096)
        guard samples.count >= sampleRate / 10, samples.contains(where: { abs(Int($0)) > 32 }) else { return nil }
        let coarse = windowed(samples.suffix(coarseLength))
        let rate = Double(sampleRate)
        let coarsePeak = stride(from: 40.0, through: min(4000, rate / 2 - 20), by: 10).max {
            power(coarse, frequency: $0, sampleRate: rate) < power(coarse, frequency: $1, sampleRate: rate)
        }
        guard let coarsePeak else { return nil }
        let fine = windowed(samples.suffix(min(samples.count, sampleRate)))
        return stride(from: coarsePeak - 15, through: coarsePeak + 15, by: 0.25).max {
            power(fine, frequency: $0, sampleRate: rate) < power(fine, frequency: $1, sampleRate: rate)
        }
    }

    /// The samples as Doubles under a Hann window (less leakage between neighbouring bins).
    private static func windowed(_ samples: ArraySlice<Int16>) -> [Double] {
        let count = Double(samples.count)
        return samples.enumerated().map { index, sample in
            Double(sample) * (0.5 - 0.5 * cos(2 * Double.pi * Double(index) / count))
        }
    }

    /// The power of one DFT bin at `frequency` (Goertzel's recurrence).
    private static func power(_ signal: [Double], frequency: Double, sampleRate: Double) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / sampleRate)
        var previous = 0.0
        var beforePrevious = 0.0
        signal.withUnsafeBufferPointer { buffer in
            for value in buffer {
                let current = value + coefficient * previous - beforePrevious
                beforePrevious = previous
                previous = current
            }
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
    }
}
