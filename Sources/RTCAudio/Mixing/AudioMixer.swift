/// Mixes PCM16 streams frame by frame: each added with its own gain (0...150 %, as TRTC's volumes),
/// summed in wide integers and clamped once to the Int16 range, so loud sums saturate instead of wrapping.
///
/// Reuse one mixer per output: `clear()`, `add` every stream, `render`; nothing allocates after init.
public struct AudioMixer: Sendable {
    /// The largest gain a stream may have, in percent.
    public static let maximumGainPercent = 150

    /// Interleaved samples per mixed frame.
    public let frameLength: Int
    /// Streams added since the last `clear()`.
    public private(set) var sourceCount = 0
    /// Sums of sample × gain percent.
    private var accumulator: [Int]

    /// A mixer for frames of `frameLength` interleaved samples (e.g. 960 for 20 ms of 48 kHz mono).
    public init(frameLength: Int) throws(AudioError) {
        guard frameLength > 0 else { throw .invalidArgument(what: "mixer frame length", value: frameLength) }
        self.frameLength = frameLength
        accumulator = Array(repeating: 0, count: frameLength)
    }

    /// Starts a new frame: forgets every stream added so far.
    public mutating func clear() {
        for index in accumulator.indices { accumulator[index] = 0 }
        sourceCount = 0
    }

    /// Adds one stream's frame at `gainPercent` (100 = unchanged). A shorter frame is padded with silence.
    public mutating func add(_ samples: UnsafeBufferPointer<Int16>, gainPercent: Int = 100) throws(AudioError) {
        guard (0...Self.maximumGainPercent).contains(gainPercent) else {
            throw .invalidArgument(what: "mixer gain %", value: gainPercent)
        }
        guard samples.count <= frameLength else {
            throw .invalidArgument(what: "mixer input length", value: samples.count)
        }
        accumulator.withUnsafeMutableBufferPointer { sums in
            for index in samples.indices { sums[index] += Int(samples[index]) * gainPercent }
        }
        sourceCount += 1
    }

    /// Adds one stream's frame at `gainPercent` (100 = unchanged). A shorter frame is padded with silence.
    public mutating func add(_ samples: [Int16], gainPercent: Int = 100) throws(AudioError) {
        try samples.withUnsafeBufferPointer { buffer throws(AudioError) in try add(buffer, gainPercent: gainPercent) }
    }

    /// Writes the mix, clamped to the Int16 range, into `output` (exactly `frameLength` samples).
    public func render(into output: UnsafeMutableBufferPointer<Int16>) throws(AudioError) {
        guard output.count == frameLength else {
            throw .invalidArgument(what: "mixer output length", value: output.count)
        }
        for index in output.indices {
            output[index] = Int16(clamping: accumulator[index] / 100)
        }
    }

    /// The mix, clamped to the Int16 range.
    public func render() -> [Int16] {
        accumulator.map { Int16(clamping: $0 / 100) }
    }

    /// Mixes whole frames at once: a convenience over `add` and `render` for one-off use.
    public static func mix(_ sources: [(samples: [Int16], gainPercent: Int)]) throws(AudioError) -> [Int16] {
        var mixer = try AudioMixer(frameLength: max(1, sources.map(\.samples.count).max() ?? 1))
        for source in sources { try mixer.add(source.samples, gainPercent: source.gainPercent) }
        return mixer.render()
    }
}
