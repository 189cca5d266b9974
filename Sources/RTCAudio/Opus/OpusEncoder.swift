internal import COpus

/// An Opus encoder (RFC 6716) for interleaved PCM16 frames; owns one libopus encoder.
///
/// Not thread-safe: use it from one thread at a time (it may move between threads).
public final class OpusEncoder {
    /// A packet buffer this large holds any packet the encoder emits (60 ms at 510 kbit/s fits).
    public static let maximumPacketSize = 4000

    /// The current settings, including changes made through the setters.
    public private(set) var configuration: OpusEncoderConfiguration
    private let handle: OpaquePointer

    /// Creates an encoder; throws `AudioError.invalidArgument` for a value outside its documented range.
    public init(_ configuration: OpusEncoderConfiguration) throws(AudioError) {
        try OpusLimits.checkFormat(sampleRate: configuration.sampleRate, channels: configuration.channels)
        try OpusLimits.check(configuration.bitrate, in: OpusLimits.bitrates, "Opus bitrate")
        try OpusLimits.check(configuration.complexity, in: OpusLimits.complexities, "Opus complexity")
        try OpusLimits.check(
            configuration.expectedPacketLossPercent, in: OpusLimits.lossPercents, "Opus expected packet loss %")
        var error: Int32 = OPUS_OK
        guard
            let handle = opus_encoder_create(
                Int32(configuration.sampleRate), Int32(configuration.channels),
                configuration.application.code, &error)
        else { throw .codec(operation: "opus_encoder_create", code: Int(error)) }
        self.handle = handle
        self.configuration = configuration
        try setBitrate(configuration.bitrate)
        try setComplexity(configuration.complexity)
        try setInbandFEC(configuration.inbandFEC)
        try setExpectedPacketLoss(percent: configuration.expectedPacketLossPercent)
        try setDTX(configuration.dtx)
    }

    deinit { opus_encoder_destroy(handle) }

    /// Sets the target bitrate in bits per second (6000...510000).
    public func setBitrate(_ bitsPerSecond: Int) throws(AudioError) {
        try OpusLimits.check(bitsPerSecond, in: OpusLimits.bitrates, "Opus bitrate")
        _ = try OpusLimits.result(copus_encoder_set_bitrate(handle, Int32(bitsPerSecond)), "OPUS_SET_BITRATE")
        configuration.bitrate = bitsPerSecond
    }

    /// Sets the CPU/quality trade-off (0...10).
    public func setComplexity(_ complexity: Int) throws(AudioError) {
        try OpusLimits.check(complexity, in: OpusLimits.complexities, "Opus complexity")
        _ = try OpusLimits.result(copus_encoder_set_complexity(handle, Int32(complexity)), "OPUS_SET_COMPLEXITY")
        configuration.complexity = complexity
    }

    /// Turns in-band FEC on or off (RFC 6716 §2.1.7); it takes effect when packet loss is expected too.
    public func setInbandFEC(_ enabled: Bool) throws(AudioError) {
        _ = try OpusLimits.result(copus_encoder_set_inband_fec(handle, enabled ? 1 : 0), "OPUS_SET_INBAND_FEC")
        configuration.inbandFEC = enabled
    }

    /// Tells the encoder how much loss to protect against (0...100 %), e.g. from RTCP receiver reports.
    public func setExpectedPacketLoss(percent: Int) throws(AudioError) {
        try OpusLimits.check(percent, in: OpusLimits.lossPercents, "Opus expected packet loss %")
        _ = try OpusLimits.result(
            copus_encoder_set_packet_loss_perc(handle, Int32(percent)), "OPUS_SET_PACKET_LOSS_PERC")
        configuration.expectedPacketLossPercent = percent
    }

    /// Turns discontinuous transmission on or off (RFC 6716 §2.1.9): a muted stream costs almost nothing.
    public func setDTX(_ enabled: Bool) throws(AudioError) {
        _ = try OpusLimits.result(copus_encoder_set_dtx(handle, enabled ? 1 : 0), "OPUS_SET_DTX")
        configuration.dtx = enabled
    }

    /// Samples per channel the encoder delays its output by; a decoder's output lags the input by this much.
    public var lookahead: Int {
        var value: Int32 = 0
        _ = copus_encoder_get_lookahead(handle, &value)
        return Int(value)
    }

    /// True while DTX is suppressing output: the last packet was a ≤ 2-byte one that need not be sent.
    public var isInDTX: Bool {
        var value: Int32 = 0
        _ = copus_encoder_get_in_dtx(handle, &value)
        return value != 0
    }

    /// Encodes one frame (exactly `configuration.frameLength` samples) into `packet`; returns the packet length.
    ///
    /// Allocates nothing. A `packet` of `maximumPacketSize` bytes always suffices.
    public func encode(
        _ pcm: UnsafeBufferPointer<Int16>, into packet: UnsafeMutableBufferPointer<UInt8>
    ) throws(AudioError) -> Int {
        guard pcm.count == configuration.frameLength, let input = pcm.baseAddress else {
            throw .invalidArgument(what: "Opus encoder frame length", value: pcm.count)
        }
        guard let output = packet.baseAddress, !packet.isEmpty else {
            throw .bufferTooSmall(needed: 1, capacity: packet.count)
        }
        let length = opus_encode(
            handle, input, Int32(configuration.samplesPerChannel), output, Int32(min(packet.count, Int(Int32.max))))
        return try OpusLimits.result(length, "opus_encode")
    }

    /// Encodes one frame (exactly `configuration.frameLength` samples) and returns the packet.
    public func encode(_ pcm: [Int16]) throws(AudioError) -> [UInt8] {
        var packet = [UInt8](repeating: 0, count: Self.maximumPacketSize)
        let length = try pcm.withUnsafeBufferPointer { input throws(AudioError) in
            try packet.withUnsafeMutableBufferPointer { output throws(AudioError) in
                try encode(input, into: output)
            }
        }
        packet.removeLast(packet.count - length)
        return packet
    }
}
