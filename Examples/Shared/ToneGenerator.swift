import Foundation

/// A sine tone, frame after frame without a phase jump: the "voice" or "computer audio" examples send.
public struct ToneGenerator: Sendable {
    /// The tone's frequency in Hz.
    public var frequency: Double
    /// The peak amplitude, 0…32767.
    public var amplitude: Double
    /// Samples per second.
    public let sampleRate: Int
    private var phase = 0.0

    /// A tone of `frequency` Hz at `amplitude` (9000 ≈ −11 dBFS) sampled at `sampleRate`.
    public init(frequency: Double, amplitude: Double = 9000, sampleRate: Int = 48_000) {
        self.frequency = frequency
        self.amplitude = amplitude
        self.sampleRate = sampleRate
    }

    /// The next `count` samples (mono).
    public mutating func next(_ count: Int) -> [Int16] {
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        var samples = [Int16](repeating: 0, count: count)
        for index in 0..<count {
            samples[index] = Int16(amplitude * sin(phase))
            phase += step
            if phase > 2 * Double.pi { phase -= 2 * Double.pi }
        }
        return samples
    }
}

/// White noise from a seeded generator: the same noise on every run.
public struct NoiseGenerator: Sendable {
    /// The largest sample magnitude, 0…32767.
    public var amplitude: Double
    private var state: UInt64

    /// Noise with samples uniformly in ±`amplitude`, from `seed`.
    public init(amplitude: Double, seed: UInt64 = 42) {
        self.amplitude = amplitude
        state = seed
    }

    /// The next `count` samples.
    public mutating func next(_ count: Int) -> [Int16] {
        (0..<count).map { _ in Int16(amplitude * (2 * nextUnit() - 1)) }
    }

    /// A uniform value in 0..<1 (SplitMix64).
    private mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}

/// Adds two signals sample by sample, clipping to 16 bits.
public func mix(_ a: [Int16], _ b: [Int16]) -> [Int16] {
    zip(a, b).map { Int16(clamping: Int($0) + Int($1)) }
}
