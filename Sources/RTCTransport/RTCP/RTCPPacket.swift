/// One RTCP packet of any type (RFC 3550 §6, RFC 4585 §6); packets travel in a `CompoundPacket`.
public enum RTCPPacket: Hashable, Sendable {
    /// SR (200).
    case senderReport(SenderReport)
    /// RR (201).
    case receiverReport(ReceiverReport)
    /// SDES (202).
    case sourceDescription(SourceDescription)
    /// BYE (203).
    case goodbye(Goodbye)
    /// APP (204).
    case applicationDefined(ApplicationDefined)
    /// RTPFB (205) FMT 1, generic NACK.
    case transportLayerNACK(TransportLayerNACK)
    /// PSFB (206) FMT 1, PLI.
    case pictureLossIndication(PictureLossIndication)
    /// Any other type or feedback FMT, kept as bytes.
    case unknown(UnknownRTCPPacket)

    /// The header's packet type.
    public var packetType: RTCPPacketType {
        switch self {
        case .senderReport: .senderReport
        case .receiverReport: .receiverReport
        case .sourceDescription: .sourceDescription
        case .goodbye: .goodbye
        case .applicationDefined: .applicationDefined
        case .transportLayerNACK: .transportLayerFeedback
        case .pictureLossIndication: .payloadSpecificFeedback
        case .unknown(let packet): packet.packetType
        }
    }

    /// The serialized length in bytes, header included.
    public var serializedLength: Int {
        4 + parts.bodyLength
    }

    /// The packet alone as bytes (a compound of one; RFC 3550 wants SR/RR first in a compound).
    public func serialized() throws -> [UInt8] {
        try serializedBytes(size: serializedLength) { try write(to: &$0) }
    }

    /// The count field and body of the packet, whatever its type.
    private var parts: (countField: Int, bodyLength: Int, writeBody: (inout WireWriter) throws -> Void) {
        switch self {
        case .senderReport(let packet): (packet.countField, packet.bodyLength, packet.writeBody)
        case .receiverReport(let packet): (packet.countField, packet.bodyLength, packet.writeBody)
        case .sourceDescription(let packet): (packet.countField, packet.bodyLength, packet.writeBody)
        case .goodbye(let packet): (packet.countField, packet.bodyLength, packet.writeBody)
        case .applicationDefined(let packet): (packet.countField, packet.bodyLength, packet.writeBody)
        case .transportLayerNACK(let packet): (packet.countField, packet.bodyLength, packet.writeBody)
        case .pictureLossIndication(let packet): (packet.countField, packet.bodyLength, packet.writeBody)
        case .unknown(let packet): (packet.countField, packet.bodyLength, packet.writeBody)
        }
    }

    /// Writes the common header (RFC 3550 §6.4.1: V=2, P=0, count, type, length in words − 1) and the body.
    func write(to writer: inout WireWriter) throws {
        let (countField, bodyLength, writeBody) = parts
        let type = Int(packetType.rawValue)
        guard (0...31).contains(countField) else {
            throw TransportError.invalidValue(what: "RTCP count field of packet type \(type)", value: countField)
        }
        guard bodyLength % 4 == 0, bodyLength / 4 <= Int(UInt16.max) else {
            throw TransportError.invalidValue(what: "RTCP body length of packet type \(type)", value: bodyLength)
        }
        try writer.require(4 + bodyLength)
        let start = writer.offset
        try writer.write(0x80 | UInt8(countField))
        try writer.write(packetType.rawValue)
        try writer.write(UInt16(bodyLength / 4))
        try writeBody(&writer)
        precondition(writer.offset == start + 4 + bodyLength, "RTCP body length mismatch for packet type \(type)")
    }

    /// Parses one packet's body (padding removed) by its header's type and count field.
    init(packetType: RTCPPacketType, countField: UInt8, body: UnsafeRawBufferPointer) throws {
        switch (packetType, countField) {
        case (.senderReport, _): self = .senderReport(try SenderReport(countField: countField, body: body))
        case (.receiverReport, _): self = .receiverReport(try ReceiverReport(countField: countField, body: body))
        case (.sourceDescription, _): self = .sourceDescription(try SourceDescription(countField: countField, body: body))
        case (.goodbye, _): self = .goodbye(try Goodbye(countField: countField, body: body))
        case (.applicationDefined, _): self = .applicationDefined(try ApplicationDefined(countField: countField, body: body))
        case (.transportLayerFeedback, TransportLayerNACK.format):
            self = .transportLayerNACK(try TransportLayerNACK(countField: countField, body: body))
        case (.payloadSpecificFeedback, PictureLossIndication.format):
            self = .pictureLossIndication(try PictureLossIndication(countField: countField, body: body))
        default: self = .unknown(UnknownRTCPPacket(packetType: packetType, count: countField, body: Array(body)))
        }
    }
}
