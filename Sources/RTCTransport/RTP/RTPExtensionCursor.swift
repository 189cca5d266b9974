/// Steps through the elements of an RFC 8285 extension block (§4.2, §4.3) without copying:
/// each step yields an element's ID and the range of its data. Skips padding bytes (ID 0,
/// whatever the one-byte form's length nibble says) and, in the one-byte form, stops at ID 15.
struct RTPExtensionCursor {
    let data: UnsafeRawBufferPointer
    let oneByte: Bool
    private var offset = 0

    init(data: UnsafeRawBufferPointer, oneByte: Bool) {
        self.data = data
        self.oneByte = oneByte
    }

    /// The next element, nil at the end; throws when an element runs past the block.
    mutating func next() throws -> (id: UInt8, data: Range<Int>)? {
        while offset < data.count, isPadding(data[offset]) { offset += 1 }
        guard offset < data.count else { return nil }
        let id: UInt8
        let length: Int
        let headerLength = oneByte ? 1 : 2
        if oneByte {
            id = data[offset] >> 4
            length = Int(data[offset] & 0xF) + 1
            if id == 15 {
                offset = data.count
                return nil
            }
        } else {
            guard offset + 1 < data.count else {
                throw TransportError.truncated(what: "RTP extension element", needed: offset + 2, available: data.count)
            }
            id = data[offset]
            length = Int(data[offset + 1])
        }
        let start = offset + headerLength
        guard start + length <= data.count else {
            throw TransportError.truncated(what: "RTP extension element", needed: start + length, available: data.count)
        }
        offset = start + length
        return (id, start..<start + length)
    }

    private func isPadding(_ byte: UInt8) -> Bool {
        oneByte ? byte >> 4 == 0 : byte == 0
    }
}
