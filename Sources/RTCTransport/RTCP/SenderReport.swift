/// An RTCP Sender Report (RFC 3550 §6.4.1): what an active sender sent, with its clocks, plus
/// reception reports on the sources it receives.
public struct SenderReport: Hashable, Sendable {
    /// The sender's SSRC.
    public var ssrc: UInt32
    /// The wallclock time of this report as a 64-bit NTP timestamp (seconds since 1900, 32.32 fixed point).
    public var ntpTimestamp: UInt64
    /// The same instant in the RTP timestamp units of the sender's stream.
    public var rtpTimestamp: UInt32
    /// RTP data packets sent since starting transmission.
    public var packetCount: UInt32
    /// Payload octets sent since starting transmission.
    public var octetCount: UInt32
    /// Reception report blocks, at most 31.
    public var reports: [ReceptionReport]
    /// Profile-specific extension bytes after the blocks (a multiple of 4 to serialize).
    public var profileExtensions: [UInt8]

    /// A sender report from its fields.
    public init(
        ssrc: UInt32, ntpTimestamp: UInt64, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32,
        reports: [ReceptionReport] = [], profileExtensions: [UInt8] = []
    ) {
        self.ssrc = ssrc
        self.ntpTimestamp = ntpTimestamp
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.reports = reports
        self.profileExtensions = profileExtensions
    }

    /// The middle 32 bits of `ntpTimestamp`: what receivers echo as LSR (RFC 3550 §6.4.1).
    public var compactNTPTimestamp: UInt32 {
        UInt32(truncatingIfNeeded: ntpTimestamp >> 16)
    }
}

extension SenderReport: RTCPBody {
    var countField: Int { reports.count }
    var bodyLength: Int { 24 + ReceptionReport.length * reports.count + profileExtensions.count }

    func writeBody(to writer: inout WireWriter) throws {
        try writer.write(ssrc)
        try writer.write(ntpTimestamp)
        try writer.write(rtpTimestamp)
        try writer.write(packetCount)
        try writer.write(octetCount)
        for report in reports { try report.write(to: &writer) }
        try writer.write(bytes: profileExtensions)
    }

    init(countField: UInt8, body: UnsafeRawBufferPointer) throws {
        var reader = WireReader(body, what: "RTCP SR")
        ssrc = try reader.readUInt32()
        ntpTimestamp = try reader.readUInt64()
        rtpTimestamp = try reader.readUInt32()
        packetCount = try reader.readUInt32()
        octetCount = try reader.readUInt32()
        reports = try ReceptionReport.readBlocks(countField, from: &reader)
        profileExtensions = try reader.readBytes(reader.remaining)
    }
}
