/// An RTCP APP packet (RFC 3550 §6.7): application data under a four-character name.
public struct ApplicationDefined: Hashable, Sendable {
    /// The subtype, 0...31.
    public var subtype: UInt8
    /// The sender's SSRC.
    public var ssrc: UInt32
    /// Four ASCII characters naming the application (case-sensitive).
    public var name: String
    /// Application data, a multiple of 4 bytes.
    public var data: [UInt8]

    /// An APP packet from its parts.
    public init(subtype: UInt8, ssrc: UInt32, name: String, data: [UInt8]) {
        self.subtype = subtype
        self.ssrc = ssrc
        self.name = name
        self.data = data
    }
}

extension ApplicationDefined: RTCPBody {
    var countField: Int { Int(subtype) }
    var bodyLength: Int { 8 + data.count }

    func writeBody(to writer: inout WireWriter) throws {
        let nameBytes = Array(name.utf8)
        guard nameBytes.count == 4, nameBytes.allSatisfy({ $0 < 0x80 }) else {
            throw TransportError.invalidValue(what: "RTCP APP name length in ASCII", value: nameBytes.count)
        }
        try writer.write(ssrc)
        try writer.write(bytes: nameBytes)
        try writer.write(bytes: data)
    }

    init(countField: UInt8, body: UnsafeRawBufferPointer) throws {
        var reader = WireReader(body, what: "RTCP APP")
        subtype = countField
        ssrc = try reader.readUInt32()
        let nameBytes = try reader.readBytes(4)
        guard nameBytes.allSatisfy({ $0 < 0x80 }) else {
            throw TransportError.malformed(what: "RTCP APP", reason: "name is not ASCII")
        }
        name = String(decoding: nameBytes, as: UTF8.self)
        data = try reader.readBytes(reader.remaining)
    }
}
