/// A bounds-checked big-endian reader over untrusted bytes: every read throws
/// `TransportError.truncated` instead of trapping, and nothing is copied unless asked.
struct WireReader {
    /// The bytes being read; offsets are relative to its start.
    let bytes: UnsafeRawBufferPointer
    /// What is being parsed, for error context.
    let what: String
    /// The next byte to read.
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, what: String, offset: Int = 0) {
        self.bytes = bytes
        self.what = what
        self.offset = offset
    }

    /// Bytes not yet read.
    var remaining: Int { bytes.count - offset }

    /// Throws unless `count` more bytes are available.
    func require(_ count: Int) throws {
        guard count >= 0, count <= remaining else {
            throw TransportError.truncated(what: what, needed: offset + count, available: bytes.count)
        }
    }

    mutating func readUInt8() throws -> UInt8 {
        try require(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16() throws -> UInt16 {
        try require(2)
        defer { offset += 2 }
        return UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    mutating func readUInt32() throws -> UInt32 {
        try require(4)
        defer { offset += 4 }
        return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func readUInt64() throws -> UInt64 {
        try require(8)
        defer { offset += 8 }
        return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Copies the next `count` bytes out.
    mutating func readBytes(_ count: Int) throws -> [UInt8] {
        try require(count)
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// The range of the next `count` bytes, without copying them.
    mutating func readRange(_ count: Int) throws -> Range<Int> {
        try require(count)
        defer { offset += count }
        return offset..<offset + count
    }

    mutating func skip(_ count: Int) throws {
        try require(count)
        offset += count
    }
}
