internal import COpus

/// An Opus decoder (RFC 6716) to interleaved PCM16, with loss concealment and in-band FEC recovery;
/// owns one libopus decoder.
///
/// Not thread-safe: use it from one thread at a time (it may move between threads).
public final class OpusDecoder {
    /// Output rate in Hz: 8000, 12000, 16000, 24000 or 48000 (any packet decodes at any rate).
    public let sampleRate: Int
    /// 1 (mono) or 2 (stereo, interleaved left/right).
    public let channels: Int
    private let handle: OpaquePointer

    /// Creates a decoder; throws `AudioError.invalidArgument` for an unsupported rate or channel count.
    public init(sampleRate: Int, channels: Int) throws(AudioError) {
        try OpusLimits.checkFormat(sampleRate: sampleRate, channels: channels)
        var error: Int32 = OPUS_OK
        guard let handle = opus_decoder_create(Int32(sampleRate), Int32(channels), &error) else {
            throw .codec(operation: "opus_decoder_create", code: Int(error))
        }
        self.handle = handle
        self.sampleRate = sampleRate
        self.channels = channels
    }

    deinit { opus_decoder_destroy(handle) }

    /// Samples per channel in the longest packet (120 ms): enough output space for any `decode`.
    public var maximumSamplesPerChannel: Int { sampleRate * OpusLimits.maximumPacketMilliseconds / 1000 }

    /// Samples per channel of the last decoded or concealed frame.
    public var lastPacketDuration: Int {
        var value: Int32 = 0
        _ = copus_decoder_get_last_packet_duration(handle, &value)
        return Int(value)
    }

    /// Decodes one packet into `pcm`; returns the samples per channel written. Allocates nothing.
    ///
    /// Throws `AudioError.codec` for a corrupt packet (`OPUS_INVALID_PACKET`) or too little room (`OPUS_BUFFER_TOO_SMALL`).
    public func decode(
        _ packet: UnsafeBufferPointer<UInt8>, into pcm: UnsafeMutableBufferPointer<Int16>
    ) throws(AudioError) -> Int {
        guard let data = packet.baseAddress, !packet.isEmpty else {
            throw .invalidArgument(what: "Opus packet length", value: 0)
        }
        return try run(data, Int32(clamping: packet.count), pcm, capacity: pcm.count / channels, fec: false, "opus_decode")
    }

    /// Decodes one packet and returns its samples.
    public func decode(_ packet: [UInt8]) throws(AudioError) -> [Int16] {
        try output(samplesPerChannel: maximumSamplesPerChannel) { pcm throws(AudioError) in
            try packet.withUnsafeBufferPointer { data throws(AudioError) in try decode(data, into: pcm) }
        }
    }

    /// Fills a lost frame of `samplesPerChannel` samples by packet-loss concealment (RFC 6716 §4.4).
    ///
    /// `samplesPerChannel` must be a multiple of 2.5 ms; returns the samples per channel written.
    public func conceal(
        samplesPerChannel: Int, into pcm: UnsafeMutableBufferPointer<Int16>
    ) throws(AudioError) -> Int {
        try checkLostFrame(samplesPerChannel, capacity: pcm.count)
        return try run(nil, 0, pcm, capacity: samplesPerChannel, fec: false, "opus_decode (PLC)")
    }

    /// Returns a concealed frame of `samplesPerChannel` samples per channel (RFC 6716 §4.4).
    public func conceal(samplesPerChannel: Int) throws(AudioError) -> [Int16] {
        try output(samplesPerChannel: samplesPerChannel) { pcm throws(AudioError) in
            try conceal(samplesPerChannel: samplesPerChannel, into: pcm)
        }
    }

    /// Rebuilds a lost frame from the in-band FEC data of the packet that followed it (RFC 6716 §2.1.7).
    ///
    /// Decode `nextPacket` normally afterwards. Without FEC data in it, libopus conceals instead.
    /// `samplesPerChannel` is the lost frame's duration (a multiple of 2.5 ms); returns the samples written.
    public func recover(
        from nextPacket: UnsafeBufferPointer<UInt8>, samplesPerChannel: Int,
        into pcm: UnsafeMutableBufferPointer<Int16>
    ) throws(AudioError) -> Int {
        guard let data = nextPacket.baseAddress, !nextPacket.isEmpty else {
            throw .invalidArgument(what: "Opus packet length", value: 0)
        }
        try checkLostFrame(samplesPerChannel, capacity: pcm.count)
        return try run(
            data, Int32(clamping: nextPacket.count), pcm, capacity: samplesPerChannel, fec: true, "opus_decode (FEC)")
    }

    /// Returns a lost frame rebuilt from the FEC data of `nextPacket` (RFC 6716 §2.1.7).
    public func recover(from nextPacket: [UInt8], samplesPerChannel: Int) throws(AudioError) -> [Int16] {
        try output(samplesPerChannel: samplesPerChannel) { pcm throws(AudioError) in
            try nextPacket.withUnsafeBufferPointer { data throws(AudioError) in
                try recover(from: data, samplesPerChannel: samplesPerChannel, into: pcm)
            }
        }
    }

    /// Samples per channel that `packet` decodes to at `sampleRate` Hz, read from its TOC (RFC 6716 §3.1).
    public static func samplesPerChannel(of packet: [UInt8], sampleRate: Int) throws(AudioError) -> Int {
        try OpusLimits.checkFormat(sampleRate: sampleRate, channels: 1)
        return try packet.withUnsafeBufferPointer { data throws(AudioError) in
            guard let base = data.baseAddress, !data.isEmpty else {
                throw .invalidArgument(what: "Opus packet length", value: 0)
            }
            return try OpusLimits.result(
                opus_packet_get_nb_samples(base, Int32(clamping: data.count), Int32(sampleRate)),
                "opus_packet_get_nb_samples")
        }
    }

    private func checkLostFrame(_ samplesPerChannel: Int, capacity: Int) throws(AudioError) {
        let quantum = sampleRate / 400
        guard samplesPerChannel > 0, samplesPerChannel % quantum == 0,
            samplesPerChannel <= maximumSamplesPerChannel
        else { throw .invalidArgument(what: "Opus lost frame samples per channel", value: samplesPerChannel) }
        guard capacity >= samplesPerChannel * channels else {
            throw .bufferTooSmall(needed: samplesPerChannel * channels, capacity: capacity)
        }
    }

    private func run(
        _ data: UnsafePointer<UInt8>?, _ length: Int32, _ pcm: UnsafeMutableBufferPointer<Int16>,
        capacity samplesPerChannel: Int, fec: Bool, _ operation: String
    ) throws(AudioError) -> Int {
        guard let out = pcm.baseAddress, samplesPerChannel > 0 else {
            throw .bufferTooSmall(needed: channels, capacity: pcm.count)
        }
        let frames = Int32(clamping: samplesPerChannel)
        return try OpusLimits.result(opus_decode(handle, data, length, out, frames, fec ? 1 : 0), operation)
    }

    private func output(
        samplesPerChannel: Int, _ body: (UnsafeMutableBufferPointer<Int16>) throws(AudioError) -> Int
    ) throws(AudioError) -> [Int16] {
        var pcm = [Int16](repeating: 0, count: max(0, samplesPerChannel) * channels)
        let written = try pcm.withUnsafeMutableBufferPointer { buffer throws(AudioError) in try body(buffer) }
        pcm.removeLast(pcm.count - written * channels)
        return pcm
    }
}
