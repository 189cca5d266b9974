/// An RTCP Source Description, SDES (RFC 3550 §6.5): chunks of items such as the CNAME that
/// binds a source to a participant.
public struct SourceDescription: Hashable, Sendable {
    /// The chunks, at most 31.
    public var chunks: [SourceDescriptionChunk]

    /// An SDES from its chunks.
    public init(chunks: [SourceDescriptionChunk]) {
        self.chunks = chunks
    }

    /// An SDES with one chunk that carries only `cname` for `source`, as every compound packet should.
    public init(source: UInt32, cname: String) {
        self.init(chunks: [SourceDescriptionChunk(source: source, items: [SourceDescriptionItem(type: SourceDescriptionItem.cname, text: cname)])])
    }
}

extension SourceDescription: RTCPBody {
    var countField: Int { chunks.count }
    var bodyLength: Int { chunks.reduce(0) { $0 + $1.length } }

    func writeBody(to writer: inout WireWriter) throws {
        for chunk in chunks { try chunk.write(to: &writer) }
    }

    init(countField: UInt8, body: UnsafeRawBufferPointer) throws {
        var reader = WireReader(body, what: "RTCP SDES")
        chunks = try (0..<countField).map { _ in try SourceDescriptionChunk(reader: &reader) }
        guard reader.remaining == 0 else {
            throw TransportError.malformed(what: "RTCP SDES", reason: "\(reader.remaining) bytes after \(countField) chunks")
        }
    }
}
