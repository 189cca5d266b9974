/// Everything an `OpusEncoder` is created with; the adjustable parts also have setters on the encoder.
public struct OpusEncoderConfiguration: Sendable, Equatable {
    /// Input rate in Hz: 8000, 12000, 16000, 24000 or 48000.
    public var sampleRate: Int
    /// 1 (mono) or 2 (stereo, interleaved left/right).
    public var channels: Int
    /// What the encoder tunes for.
    public var application: OpusApplication
    /// The duration each `encode` call consumes and each packet carries.
    public var frameDuration: OpusFrameDuration
    /// Target bitrate in bits per second, 6000...510000 (RFC 6716 §2.1.1).
    public var bitrate: Int
    /// CPU/quality trade-off, 0...10 (RFC 6716 §2.1.5).
    public var complexity: Int
    /// Carry a low-bitrate copy of the previous frame in each packet (SILK LBRR, RFC 6716 §2.1.7).
    public var inbandFEC: Bool
    /// The loss the encoder should protect against with FEC, 0...100 % (RFC 6716 §2.1.6).
    public var expectedPacketLossPercent: Int
    /// Discontinuous transmission: near-empty packets during silence (RFC 6716 §2.1.9).
    public var dtx: Bool

    /// A configuration with WebRTC-like defaults: 20 ms frames, complexity 9, FEC on for 10 % loss, DTX off.
    public init(
        sampleRate: Int = 48000, channels: Int = 1, application: OpusApplication = .voip,
        frameDuration: OpusFrameDuration = .ms20, bitrate: Int = 50_000, complexity: Int = 9,
        inbandFEC: Bool = true, expectedPacketLossPercent: Int = 10, dtx: Bool = false
    ) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.application = application
        self.frameDuration = frameDuration
        self.bitrate = bitrate
        self.complexity = complexity
        self.inbandFEC = inbandFEC
        self.expectedPacketLossPercent = expectedPacketLossPercent
        self.dtx = dtx
    }

    /// Samples per channel in one frame.
    public var samplesPerChannel: Int { frameDuration.samplesPerChannel(sampleRate: sampleRate) }

    /// Interleaved samples in one frame (`samplesPerChannel × channels`).
    public var frameLength: Int { samplesPerChannel * channels }
}
