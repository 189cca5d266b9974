/// An RTCP Picture Loss Indication (RFC 4585 §6.3.1; PSFB, FMT 1): the decoder lost picture
/// data and asks the media sender for a refresh.
public struct PictureLossIndication: Hashable, Sendable {
    /// The SSRC of the packet's sender.
    public var senderSSRC: UInt32
    /// The SSRC of the media source the request is about.
    public var mediaSSRC: UInt32

    /// A PLI from its fields.
    public init(senderSSRC: UInt32, mediaSSRC: UInt32) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
    }

    /// The FMT value of PLI within PSFB.
    static let format: UInt8 = 1
}

extension PictureLossIndication: RTCPBody {
    var countField: Int { Int(Self.format) }
    var bodyLength: Int { 8 }

    func writeBody(to writer: inout WireWriter) throws {
        try writer.write(senderSSRC)
        try writer.write(mediaSSRC)
    }

    init(countField: UInt8, body: UnsafeRawBufferPointer) throws {
        var reader = WireReader(body, what: "RTCP PLI")
        senderSSRC = try reader.readUInt32()
        mediaSSRC = try reader.readUInt32()
        guard reader.remaining == 0 else {
            throw TransportError.malformed(what: "RTCP PLI", reason: "\(reader.remaining) bytes of FCI")
        }
    }
}
