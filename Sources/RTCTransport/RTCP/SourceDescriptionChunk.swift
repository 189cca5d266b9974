/// One SDES chunk (RFC 3550 §6.5): a source and the items that describe it.
public struct SourceDescriptionChunk: Hashable, Sendable {
    /// The SSRC or CSRC described.
    public var source: UInt32
    /// The items, in order.
    public var items: [SourceDescriptionItem]

    /// A chunk from its parts.
    public init(source: UInt32, items: [SourceDescriptionItem]) {
        self.source = source
        self.items = items
    }

    /// The text of the first CNAME item, if any.
    public var cname: String? {
        items.first { $0.type == SourceDescriptionItem.cname }?.text
    }

    /// The chunk's length on the wire: source, items, the terminating null and padding to 32 bits.
    var length: Int {
        (4 + items.reduce(0) { $0 + 2 + $1.value.count } + 1 + 3) & ~3
    }

    func write(to writer: inout WireWriter) throws {
        let start = writer.offset
        try writer.write(source)
        for item in items {
            guard item.type != 0 else { throw TransportError.invalidValue(what: "RTCP SDES item type", value: 0) }
            guard item.value.count <= 255 else {
                throw TransportError.invalidValue(what: "RTCP SDES item length", value: item.value.count)
            }
            try writer.write(item.type)
            try writer.write(UInt8(item.value.count))
            try writer.write(bytes: item.value)
        }
        try writer.writeZeros(start + length - writer.offset)
    }

    /// Reads a chunk that starts 32-bit aligned in `reader`, up to and including its padding.
    init(reader: inout WireReader) throws {
        let start = reader.offset
        source = try reader.readUInt32()
        items = []
        while true {
            let type = try reader.readUInt8()
            if type == 0 { break }
            let length = Int(try reader.readUInt8())
            items.append(SourceDescriptionItem(type: type, value: try reader.readBytes(length)))
        }
        try reader.skip((4 - (reader.offset - start) % 4) % 4)
    }
}
