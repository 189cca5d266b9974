/// A bounds-checked big-endian writer into a caller's buffer: writes past the end throw
/// `TransportError.bufferTooSmall` instead of trapping.
struct WireWriter {
    /// The destination.
    let buffer: UnsafeMutableRawBufferPointer
    /// The next byte to write; also the number of bytes written so far.
    private(set) var offset: Int = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.buffer = buffer
    }

    /// Throws unless `count` more bytes fit.
    func require(_ count: Int) throws {
        guard count <= buffer.count - offset else {
            throw TransportError.bufferTooSmall(needed: offset + count, capacity: buffer.count)
        }
    }

    mutating func write(_ value: UInt8) throws {
        try require(1)
        buffer[offset] = value
        offset += 1
    }

    mutating func write(_ value: UInt16) throws {
        try require(2)
        buffer.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt16.self)
        offset += 2
    }

    mutating func write(_ value: UInt32) throws {
        try require(4)
        buffer.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
        offset += 4
    }

    mutating func write(_ value: UInt64) throws {
        try require(8)
        buffer.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
        offset += 8
    }

    mutating func write(bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(bytes: $0) }
    }

    mutating func write(bytes: UnsafeRawBufferPointer) throws {
        try require(bytes.count)
        UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<offset + bytes.count]).copyMemory(from: bytes)
        offset += bytes.count
    }

    mutating func writeZeros(_ count: Int) throws {
        try require(count)
        for index in offset..<offset + count { buffer[index] = 0 }
        offset += count
    }

    /// Overwrites two bytes already written at `position`.
    func patch(_ value: UInt16, at position: Int) {
        precondition(position >= 0 && position + 2 <= offset, "patching bytes not yet written")
        buffer.storeBytes(of: value.bigEndian, toByteOffset: position, as: UInt16.self)
    }
}

/// Serializes into a new array of exactly `size` bytes; `body` must write them all.
func serializedBytes(size: Int, _ body: (inout WireWriter) throws -> Void) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: size)
    try bytes.withUnsafeMutableBytes { buffer in
        var writer = WireWriter(buffer)
        try body(&writer)
        precondition(writer.offset == size, "serialized size mismatch: \(writer.offset) != \(size)")
    }
    return bytes
}
