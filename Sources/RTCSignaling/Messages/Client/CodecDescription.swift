/// A published track's RTP codec: name, payload type, clock rate, channels (as SDP's rtpmap, RFC 8866 §6.6).
public struct CodecDescription: Codable, Sendable, Hashable {
    /// The codec name, e.g. "opus".
    public var name: String
    /// The RTP payload type (RFC 3550 §5.1), e.g. 111.
    public var payloadType: UInt8
    /// The RTP clock rate in Hz, e.g. 48000.
    public var clockRate: UInt32
    /// The channel count, e.g. 2 for Opus (RFC 7587 §7).
    public var channels: UInt8

    /// A codec from its four parameters.
    public init(name: String, payloadType: UInt8, clockRate: UInt32, channels: UInt8) {
        self.name = name
        self.payloadType = payloadType
        self.clockRate = clockRate
        self.channels = channels
    }

    /// Opus as the engine sends it: payload type 111, 48 kHz clock, 2 channels (protocol.md §2.4).
    public static let opus = CodecDescription(name: "opus", payloadType: 111, clockRate: 48_000, channels: 2)
}
