import Foundation

/// Deterministic test signals and the measurements the audio tests assert on.
enum Signals {
    /// A reproducible generator (SplitMix64), so every run hears the same noise.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A sine of `frequency` Hz and peak `amplitude`, `count` samples at `sampleRate`.
    static func sine(frequency: Double, amplitude: Double, sampleRate: Int, count: Int, phase: Double = 0) -> [Int16] {
        (0..<count).map { n in
            Int16(amplitude * sin(2 * .pi * frequency * Double(n) / Double(sampleRate) + phase))
        }
    }

    /// Uniform white noise with peak `amplitude`.
    static func whiteNoise(amplitude: Double, count: Int, seed: UInt64) -> [Int16] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Int16(Double.random(in: -amplitude...amplitude, using: &rng)) }
    }

    /// Speech-like sound: a gliding 110–220 Hz harmonic tone, syllable-rate amplitude modulation, some noise.
    static func speechLike(sampleRate: Int, count: Int, amplitude: Double = 8000, seed: UInt64 = 7) -> [Int16] {
        var rng = SeededGenerator(seed: seed)
        var phase = 0.0
        return (0..<count).map { n in
            let t = Double(n) / Double(sampleRate)
            let pitch = 165 + 55 * sin(2 * .pi * 1.3 * t)
            phase += 2 * .pi * pitch / Double(sampleRate)
            var voiced = 0.0
            for harmonic in 1...12 where Double(harmonic) * pitch < Double(sampleRate) / 2 {
                voiced += sin(Double(harmonic) * phase) / Double(harmonic)
            }
            let envelope = 0.55 + 0.45 * sin(2 * .pi * 4 * t)
            let noise = Double.random(in: -0.05...0.05, using: &rng)
            return Int16(clamping: Int(amplitude * envelope * (0.6 * voiced + noise)))
        }
    }

    /// Root mean square of the samples.
    static func rms<C: Collection>(_ samples: C) -> Double where C.Element == Int16 {
        guard !samples.isEmpty else { return 0 }
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(samples.count)).squareRoot()
    }

    /// Energy (sum of squares) of the samples.
    static func energy<C: Collection>(_ samples: C) -> Double where C.Element == Int16 {
        samples.reduce(0.0) { $0 + Double($1) * Double($1) }
    }

    /// 20·log10(a / b).
    static func decibels(_ a: Double, over b: Double) -> Double { 20 * log10(a / b) }

    /// Power of `frequency` in the samples (Goertzel).
    static func power<C: Collection>(of frequency: Double, in samples: C, sampleRate: Int) -> Double
    where C.Element == Int16 {
        let coefficient = 2 * cos(2 * .pi * frequency / Double(sampleRate))
        var s1 = 0.0, s2 = 0.0
        for x in samples {
            let s0 = Double(x) + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2
    }

    /// The frequency with the most power among `candidates` (Hz), e.g. a 1 Hz grid around a tone.
    static func dominantFrequency<C: Collection>(in samples: C, sampleRate: Int, candidates: StrideThrough<Double>) -> Double
    where C.Element == Int16 {
        candidates.max { power(of: $0, in: samples, sampleRate: sampleRate) < power(of: $1, in: samples, sampleRate: sampleRate) } ?? 0
    }

    /// Every `channels`-th sample starting at `channel`: one channel of interleaved audio.
    static func channel(_ channel: Int, of interleaved: [Int16], channels: Int) -> [Int16] {
        stride(from: channel, to: interleaved.count, by: channels).map { interleaved[$0] }
    }

    /// Interleaves equal-length channels.
    static func interleave(_ channels: [[Int16]]) -> [Int16] {
        guard let first = channels.first else { return [] }
        return (0..<first.count).flatMap { i in channels.map { $0[i] } }
    }
}
