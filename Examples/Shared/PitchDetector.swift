import Foundation

/// Measures what arrived: the dominant pitch, the level of one frequency, the overall level.
public enum PitchDetector {
    /// The dominant frequency of a clean tone in Hz, by counting zero crossings (0 when too short).
    public static func dominantFrequency(_ samples: [Int16], sampleRate: Int = 48_000) -> Double {
        guard samples.count > sampleRate / 10 else { return 0 }
        var crossings = 0
        var previous = samples[0]
        for sample in samples.dropFirst() {
            if (previous < 0) != (sample < 0) { crossings += 1 }
            previous = sample
        }
        return Double(crossings) / 2 / (Double(samples.count) / Double(sampleRate))
    }

    /// Whether `samples` carry a tone of `frequency` within `tolerance` (a fraction, 3 % by default).
    public static func hasPitch(_ samples: [Int16], near frequency: Double, tolerance: Double = 0.03, sampleRate: Int = 48_000) -> Bool {
        abs(dominantFrequency(samples, sampleRate: sampleRate) - frequency) < frequency * tolerance
    }

    /// The RMS level of the component at `frequency` (Goertzel), in dB relative to full scale: how
    /// loud that one tone is within a mixture. −120 for silence.
    public static func level(at frequency: Double, in samples: [Int16], sampleRate: Int = 48_000) -> Double {
        guard !samples.isEmpty else { return -120 }
        let coefficient = 2 * cos(2 * Double.pi * frequency / Double(sampleRate))
        var s1 = 0.0
        var s2 = 0.0
        for sample in samples {
            let s0 = Double(sample) / 32768 + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        let power = max(0, s1 * s1 + s2 * s2 - coefficient * s1 * s2)
        let amplitude = 2 * power.squareRoot() / Double(samples.count)
        return decibels(amplitude / 2.0.squareRoot())
    }

    /// The RMS level of the whole signal in dB relative to full scale; −120 for silence.
    public static func level(of samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return -120 }
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return decibels((sum / Double(samples.count)).squareRoot() / 32768)
    }

    /// The level of white noise in `samples`, in dBFS, read from their high frequencies: a
    /// second difference (a high-pass that takes a 440 Hz tone down by about 50 dB and raises white
    /// noise by 7.8 dB, which is taken off again), so that a low voice hardly counts.
    public static func noiseLevel(_ samples: [Int16]) -> Double {
        guard samples.count > 2 else { return -120 }
        var sum = 0.0
        for index in 2..<samples.count {
            let difference = Double(samples[index]) - 2 * Double(samples[index - 1]) + Double(samples[index - 2])
            sum += difference * difference
        }
        let rms = (sum / Double(samples.count - 2)).squareRoot() / 32768
        return decibels(rms) - 10 * log10(6)
    }

    private static func decibels(_ rms: Double) -> Double {
        rms > 1e-6 ? 20 * log10(rms) : -120
    }
}
