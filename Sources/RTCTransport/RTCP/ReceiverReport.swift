/// An RTCP Receiver Report (RFC 3550 §6.4.2): reception reports from a participant that is
/// not sending (or not only).
public struct ReceiverReport: Hashable, Sendable {
    /// The reporter's SSRC.
    public var ssrc: UInt32
    /// Reception report blocks, at most 31.
    public var reports: [ReceptionReport]
    /// Profile-specific extension bytes after the blocks (a multiple of 4 to serialize).
    public var profileExtensions: [UInt8]

    /// A receiver report from its fields.
    public init(ssrc: UInt32, reports: [ReceptionReport] = [], profileExtensions: [UInt8] = []) {
        self.ssrc = ssrc
        self.reports = reports
        self.profileExtensions = profileExtensions
    }
}

extension ReceiverReport: RTCPBody {
    var countField: Int { reports.count }
    var bodyLength: Int { 4 + ReceptionReport.length * reports.count + profileExtensions.count }

    func writeBody(to writer: inout WireWriter) throws {
        try writer.write(ssrc)
        for report in reports { try report.write(to: &writer) }
        try writer.write(bytes: profileExtensions)
    }

    init(countField: UInt8, body: UnsafeRawBufferPointer) throws {
        var reader = WireReader(body, what: "RTCP RR")
        ssrc = try reader.readUInt32()
        reports = try ReceptionReport.readBlocks(countField, from: &reader)
        profileExtensions = try reader.readBytes(reader.remaining)
    }
}
