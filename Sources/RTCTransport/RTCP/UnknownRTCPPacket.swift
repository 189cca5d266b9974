/// An RTCP packet of a type (or feedback FMT) this implementation does not decode, kept as
/// bytes so a receiver can skip it (RFC 3550 §6.1) and a forwarder can pass it on.
public struct UnknownRTCPPacket: Hashable, Sendable {
    /// The packet type.
    public var packetType: RTCPPacketType
    /// The header's 5-bit count field (RC, SC, subtype or FMT).
    public var count: UInt8
    /// The body after the 4-byte header, padding removed; a multiple of 4 bytes to serialize.
    public var body: [UInt8]

    /// A packet from its parts.
    public init(packetType: RTCPPacketType, count: UInt8, body: [UInt8]) {
        self.packetType = packetType
        self.count = count
        self.body = body
    }
}

extension UnknownRTCPPacket {
    var countField: Int { Int(count) }
    var bodyLength: Int { body.count }

    func writeBody(to writer: inout WireWriter) throws {
        try writer.write(bytes: body)
    }
}
