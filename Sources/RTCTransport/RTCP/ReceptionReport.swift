/// One reception report block of an SR or RR (RFC 3550 §6.4.1): what a receiver saw of one source.
public struct ReceptionReport: Hashable, Sendable {
    /// The source this block reports on.
    public var ssrc: UInt32
    /// Packets lost since the previous report, as a fixed-point fraction of 256.
    public var fractionLost: UInt8
    /// Packets lost since reception began (24-bit signed; duplicates can make it negative).
    /// Serialized saturated to -8388608...8388607.
    public var cumulativeLost: Int32
    /// The highest sequence number received, extended with the count of wraparounds.
    public var extendedHighestSequenceNumber: UInt32
    /// The interarrival jitter, in timestamp units.
    public var jitter: UInt32
    /// The middle 32 bits of the NTP timestamp of the last SR received (LSR), 0 if none.
    public var lastSenderReport: UInt32
    /// Time since that SR arrived, in units of 1/65536 s (DLSR), 0 if none.
    public var delaySinceLastSenderReport: UInt32

    /// A report block from its fields.
    public init(
        ssrc: UInt32, fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequenceNumber: UInt32,
        jitter: UInt32, lastSenderReport: UInt32, delaySinceLastSenderReport: UInt32
    ) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequenceNumber = extendedHighestSequenceNumber
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }

    /// The length of a block on the wire.
    static let length = 24

    init(reader: inout WireReader) throws {
        ssrc = try reader.readUInt32()
        let loss = try reader.readUInt32()
        fractionLost = UInt8(loss >> 24)
        cumulativeLost = Int32(bitPattern: loss << 8) >> 8
        extendedHighestSequenceNumber = try reader.readUInt32()
        jitter = try reader.readUInt32()
        lastSenderReport = try reader.readUInt32()
        delaySinceLastSenderReport = try reader.readUInt32()
    }

    func write(to writer: inout WireWriter) throws {
        let lost = min(max(cumulativeLost, -0x80_0000), 0x7F_FFFF)
        try writer.write(ssrc)
        try writer.write(UInt32(fractionLost) << 24 | UInt32(bitPattern: lost) & 0xFF_FFFF)
        try writer.write(extendedHighestSequenceNumber)
        try writer.write(jitter)
        try writer.write(lastSenderReport)
        try writer.write(delaySinceLastSenderReport)
    }

    /// Reads `count` blocks.
    static func readBlocks(_ count: UInt8, from reader: inout WireReader) throws -> [ReceptionReport] {
        try reader.require(Int(count) * length)
        return try (0..<count).map { _ in try ReceptionReport(reader: &reader) }
    }
}
