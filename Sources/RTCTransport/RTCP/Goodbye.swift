/// An RTCP BYE (RFC 3550 §6.6): the listed sources are leaving, optionally saying why. For
/// this engine a client's BYE is its leave packet (protocol.md, media §5).
public struct Goodbye: Hashable, Sendable {
    /// The SSRCs/CSRCs that leave, at most 31.
    public var sources: [UInt32]
    /// Why they leave (UTF-8, at most 255 bytes); nil when absent. Invalid UTF-8 received is repaired.
    public var reason: String?

    /// A BYE from its parts.
    public init(sources: [UInt32], reason: String? = nil) {
        self.sources = sources
        self.reason = reason
    }
}

extension Goodbye: RTCPBody {
    var countField: Int { sources.count }
    var bodyLength: Int { 4 * sources.count + (reason.map { ($0.utf8.count + 1 + 3) & ~3 } ?? 0) }

    func writeBody(to writer: inout WireWriter) throws {
        for source in sources { try writer.write(source) }
        guard let reason else { return }
        let text = Array(reason.utf8)
        guard text.count <= 255 else { throw TransportError.invalidValue(what: "RTCP BYE reason length", value: text.count) }
        try writer.write(UInt8(text.count))
        try writer.write(bytes: text)
        try writer.writeZeros((4 - (text.count + 1) % 4) % 4)
    }

    init(countField: UInt8, body: UnsafeRawBufferPointer) throws {
        var reader = WireReader(body, what: "RTCP BYE")
        sources = try (0..<countField).map { _ in try reader.readUInt32() }
        if reader.remaining > 0 {
            let length = Int(try reader.readUInt8())
            reason = String(decoding: try reader.readBytes(length), as: UTF8.self)
        } else {
            reason = nil
        }
    }
}
