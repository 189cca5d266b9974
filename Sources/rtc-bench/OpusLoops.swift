import CNativeLoops
import RTCAudio

/// The Swift side of the Opus rows: the same steps as `cnl_opus_encode_ns` / `cnl_opus_decode_ns`
/// through `OpusEncoder` / `OpusDecoder`'s buffer API, with every encoder setting passed to C as well.
enum OpusLoops {
    /// 20 ms, 48 kHz mono, 50 kbit/s, with `OpusEncoderConfiguration`'s other defaults
    /// (VOIP, complexity 9, in-band FEC for 10 % loss, DTX off).
    static let configuration = OpusEncoderConfiguration(
        sampleRate: 48000, channels: 1, application: .voip, frameDuration: .ms20, bitrate: 50_000)

    /// The same settings for the C loops.
    static var nativeSettings: cnl_opus_settings {
        cnl_opus_settings(
            sample_rate: Int32(configuration.sampleRate), channels: Int32(configuration.channels),
            frame_ms: Int32(configuration.frameDuration.milliseconds), bitrate: Int32(configuration.bitrate),
            complexity: Int32(configuration.complexity), inband_fec: configuration.inbandFEC ? 1 : 0,
            packet_loss_percent: Int32(configuration.expectedPacketLossPercent), dtx: configuration.dtx ? 1 : 0)
    }

    /// One frame of the C loops' 1 kHz sine.
    static func sineFrame() -> UnsafeMutableBufferPointer<Int16> {
        let pcm = UnsafeMutableBufferPointer<Int16>.allocate(capacity: configuration.frameLength)
        cnl_fill_sine(
            pcm.baseAddress, Int32(configuration.samplesPerChannel), Int32(configuration.channels),
            Int32(configuration.sampleRate))
        return pcm
    }

    /// Untimed: `CNL_WARMUP_OPERATIONS` encodes. Timed, per iteration: encode the same sine frame into a
    /// 4000-byte packet buffer.
    static func encode(iterations: Int) throws -> Double {
        let encoder = try OpusEncoder(configuration)
        let pcm = sineFrame()
        let packet = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: OpusEncoder.maximumPacketSize)
        defer {
            pcm.deallocate()
            packet.deallocate()
        }
        let input = UnsafeBufferPointer(pcm)
        for _ in 0..<Int(CNL_WARMUP_OPERATIONS) { _ = try encoder.encode(input, into: packet) }
        return try ThreadCPUClock.perOperation(iterations: iterations) { _ in
            _ = try encoder.encode(input, into: packet)
        }
    }

    /// Untimed: encode the sine frame once, decode it `CNL_WARMUP_OPERATIONS` times. Timed, per iteration:
    /// decode that packet into a one-frame buffer.
    static func decode(iterations: Int) throws -> Double {
        let encoder = try OpusEncoder(configuration)
        let decoder = try OpusDecoder(sampleRate: configuration.sampleRate, channels: configuration.channels)
        let pcm = sineFrame()
        let packet = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: OpusEncoder.maximumPacketSize)
        defer {
            pcm.deallocate()
            packet.deallocate()
        }
        let length = try encoder.encode(UnsafeBufferPointer(pcm), into: packet)
        let data = UnsafeBufferPointer(rebasing: packet[0..<length])
        for _ in 0..<Int(CNL_WARMUP_OPERATIONS) { _ = try decoder.decode(data, into: pcm) }
        var decoded = 0
        let time = try ThreadCPUClock.perOperation(iterations: iterations) { _ in
            decoded &+= try decoder.decode(data, into: pcm)
        }
        guard decoded == configuration.samplesPerChannel * iterations else {
            throw BenchError.mismatch(operation: "Opus decode", detail: "decoded \(decoded) samples")
        }
        return time
    }
}
