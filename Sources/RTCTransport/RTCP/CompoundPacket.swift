/// An RTCP compound packet (RFC 3550 §6.1): the packets of one datagram, in order.
public struct CompoundPacket: Hashable, Sendable {
    /// The packets, in wire order.
    public var packets: [RTCPPacket]

    /// A compound from its packets; to be valid RFC 3550 RTCP the first should be an SR or RR.
    public init(packets: [RTCPPacket]) {
        self.packets = packets
    }

    /// Parses every packet of a datagram's untrusted bytes, with the RFC 3550 §A.2 checks a
    /// receiver applies: version 2 throughout, the lengths adding up to the datagram exactly,
    /// padding only on the last packet, and a first packet that is an SR or RR. A first
    /// packet that is a BYE (a bare BYE, as some stacks send on leaving) or RTPFB/PSFB
    /// feedback (reduced-size RTCP, RFC 5506) is accepted too. Throws `TransportError`.
    public init(parsing bytes: UnsafeRawBufferPointer) throws {
        var reader = WireReader(bytes, what: "RTCP compound packet")
        var packets: [RTCPPacket] = []
        repeat {
            let start = reader.offset
            let first = try reader.readUInt8()
            let type = RTCPPacketType(rawValue: try reader.readUInt8())
            let length = 4 * (Int(try reader.readUInt16()) + 1)
            guard first >> 6 == 2 else {
                throw TransportError.unsupported(what: "RTCP version", value: Int(first >> 6))
            }
            if packets.isEmpty, ![.senderReport, .receiverReport, .goodbye, .transportLayerFeedback, .payloadSpecificFeedback].contains(type) {
                throw TransportError.malformed(what: "RTCP compound packet", reason: "starts with packet type \(type.rawValue)")
            }
            try reader.skip(length - 4)
            var body = start + 4..<start + length
            if first & 0x20 != 0 {
                guard reader.remaining == 0 else {
                    throw TransportError.malformed(what: "RTCP compound packet", reason: "padding before the last packet")
                }
                // The count is the body's last byte; an empty body has none (nor room for padding).
                let padding = body.isEmpty ? 0 : Int(bytes[body.upperBound - 1])
                guard padding >= 1, padding <= body.count else {
                    throw TransportError.malformed(what: "RTCP packet", reason: "padding count \(padding) in a \(body.count)-byte body")
                }
                body = body.lowerBound..<body.upperBound - padding
            }
            packets.append(
                try RTCPPacket(
                    packetType: type, countField: first & 0x1F, body: UnsafeRawBufferPointer(rebasing: bytes[body])))
        } while reader.remaining > 0
        self.packets = packets
    }

    /// Parses the RTCP compound packet in `bytes`; see `init(parsing:)`.
    public init(parsing bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try CompoundPacket(parsing: $0) }
    }

    /// The serialized length in bytes.
    public var serializedLength: Int {
        packets.reduce(0) { $0 + $1.serializedLength }
    }

    /// Writes every packet at the start of `buffer` and returns the length; throws
    /// `TransportError.bufferTooSmall` or `.invalidValue`.
    public func serialize(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var writer = WireWriter(buffer)
        for packet in packets { try packet.write(to: &writer) }
        return writer.offset
    }

    /// Every packet as bytes.
    public func serialized() throws -> [UInt8] {
        try serializedBytes(size: serializedLength) { writer in
            for packet in packets { try packet.write(to: &writer) }
        }
    }
}
