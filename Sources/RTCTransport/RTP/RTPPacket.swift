/// A whole RTP packet to build or inspect (RFC 3550 §5.1): header, payload and optional padding.
public struct RTPPacket: Hashable, Sendable {
    /// The header.
    public var header: RTPHeader
    /// The payload (for us: one Opus frame).
    public var payload: [UInt8]
    /// Padding bytes at the end including the count byte, 0...255; 0 means no padding (P bit clear).
    public var paddingLength: Int

    /// A packet from its parts.
    public init(header: RTPHeader, payload: [UInt8], paddingLength: Int = 0) {
        self.header = header
        self.payload = payload
        self.paddingLength = paddingLength
    }

    /// Parses and copies the RTP packet in `bytes`; throws `TransportError` when malformed.
    public init(parsing bytes: UnsafeRawBufferPointer) throws {
        let layout = try RTPPacketLayout(parsing: bytes)
        self.init(
            header: try RTPHeader(layout: layout, bytes: bytes), payload: Array(bytes[layout.payloadRange]),
            paddingLength: layout.paddingLength)
    }

    /// Parses and copies the RTP packet in `bytes`; see `init(parsing:)`.
    public init(parsing bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try RTPPacket(parsing: $0) }
    }

    /// The serialized length in bytes.
    public var serializedLength: Int {
        header.serializedLength + payload.count + paddingLength
    }

    /// Writes the packet at the start of `buffer` and returns its length; throws
    /// `TransportError.bufferTooSmall` or `.invalidValue`.
    public func serialize(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var writer = WireWriter(buffer)
        try write(to: &writer)
        return writer.offset
    }

    /// The packet as bytes.
    public func serialized() throws -> [UInt8] {
        try serializedBytes(size: serializedLength) { try write(to: &$0) }
    }

    private func write(to writer: inout WireWriter) throws {
        guard (0...255).contains(paddingLength) else {
            throw TransportError.invalidValue(what: "RTP padding length", value: paddingLength)
        }
        try writer.require(serializedLength)
        try header.write(to: &writer, padding: paddingLength > 0)
        try writer.write(bytes: payload)
        if paddingLength > 0 {
            try writer.writeZeros(paddingLength - 1)
            try writer.write(UInt8(paddingLength))
        }
    }
}
