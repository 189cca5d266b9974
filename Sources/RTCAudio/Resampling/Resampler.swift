import CSpeexDSP

/// Converts interleaved PCM16 between sample rates with libspeexdsp's resampler, keeping its
/// filter state across calls so that a stream resamples without seams. Owned by one thread.
public final class Resampler {
    /// The rate of the input.
    public let inputRate: Int
    /// The rate of the output.
    public let outputRate: Int
    /// Interleaved channels (1 or 2).
    public let channels: Int
    private let state: OpaquePointer

    /// A resampler; quality 0 (fastest) … 10 (best), 5 by default (speexdsp's VoIP setting is 3).
    public init(inputRate: Int, outputRate: Int, channels: Int, quality: Int = 5) throws(AudioError) {
        guard (1...2).contains(channels) else { throw .invalidArgument(what: "channels", value: channels) }
        guard (8_000...192_000).contains(inputRate) else { throw .invalidArgument(what: "input rate", value: inputRate) }
        guard (8_000...192_000).contains(outputRate) else { throw .invalidArgument(what: "output rate", value: outputRate) }
        var error: Int32 = 0
        guard let state = speex_resampler_init(UInt32(channels), UInt32(inputRate), UInt32(outputRate), Int32(quality), &error),
            error == 0
        else { throw .processing(operation: "speex_resampler_init", code: Int(error)) }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.channels = channels
        self.state = state
    }

    deinit {
        speex_resampler_destroy(state)
    }

    /// Resamples interleaved samples; the output has about `count × outputRate / inputRate` samples.
    public func process(_ input: [Int16]) -> [Int16] {
        guard inputRate != outputRate else { return input }
        let inputFrames = input.count / channels
        var outputFrames = UInt32(inputFrames * outputRate / inputRate + 16)
        var output = [Int16](repeating: 0, count: Int(outputFrames) * channels)
        var consumed = UInt32(inputFrames)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                _ = speex_resampler_process_interleaved_int(state, source.baseAddress, &consumed, target.baseAddress, &outputFrames)
            }
        }
        output.removeSubrange(Int(outputFrames) * channels..<output.count)
        return output
    }
}
