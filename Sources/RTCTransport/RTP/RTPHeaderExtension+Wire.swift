extension RTPHeaderExtension {
    /// Parses a block's data (after its 4-byte header) for `profile` (RFC 8285 §4).
    init(profile: UInt16, data: UnsafeRawBufferPointer) throws {
        if profile == Self.oneByteProfile {
            self = .oneByte(try Self.parseElements(data, oneByte: true))
        } else if profile & 0xFFF0 == Self.twoByteProfile {
            self = .twoByte(appBits: UInt8(profile & 0xF), try Self.parseElements(data, oneByte: false))
        } else {
            self = .opaque(profile: profile, data: Array(data))
        }
    }

    /// The block's profile field.
    var profile: UInt16 {
        switch self {
        case .oneByte: Self.oneByteProfile
        case .twoByte(let appBits, _): Self.twoByteProfile | UInt16(appBits & 0xF)
        case .opaque(let profile, _): profile
        }
    }

    /// The length of the block's data, padded to 32-bit words, without its 4-byte header.
    var dataLength: Int {
        switch self {
        case .oneByte(let elements): (elements.reduce(0) { $0 + 1 + $1.data.count } + 3) & ~3
        case .twoByte(_, let elements): (elements.reduce(0) { $0 + 2 + $1.data.count } + 3) & ~3
        case .opaque(_, let data): data.count
        }
    }

    /// Writes the 4-byte block header and the data, zero-padded; throws on values the form cannot carry.
    func write(to writer: inout WireWriter) throws {
        let length = dataLength
        guard length % 4 == 0, length / 4 <= Int(UInt16.max) else {
            throw TransportError.invalidValue(what: "RTP header extension length", value: length)
        }
        if case .twoByte(let appBits, _) = self, appBits > 0xF {
            throw TransportError.invalidValue(what: "RTP two-byte extension app bits", value: Int(appBits))
        }
        try writer.write(profile)
        try writer.write(UInt16(length / 4))
        let start = writer.offset
        switch self {
        case .oneByte(let elements):
            for element in elements {
                guard (1...14).contains(element.id) else {
                    throw TransportError.invalidValue(what: "RTP one-byte extension ID", value: Int(element.id))
                }
                guard (1...16).contains(element.data.count) else {
                    throw TransportError.invalidValue(what: "RTP one-byte extension length", value: element.data.count)
                }
                try writer.write(element.id << 4 | UInt8(element.data.count - 1))
                try writer.write(bytes: element.data)
            }
        case .twoByte(_, let elements):
            for element in elements {
                guard element.id != 0 else {
                    throw TransportError.invalidValue(what: "RTP two-byte extension ID", value: 0)
                }
                guard element.data.count <= 255 else {
                    throw TransportError.invalidValue(what: "RTP two-byte extension length", value: element.data.count)
                }
                try writer.write(element.id)
                try writer.write(UInt8(element.data.count))
                try writer.write(bytes: element.data)
            }
        case .opaque(_, let data):
            try writer.write(bytes: data)
        }
        try writer.writeZeros(start + length - writer.offset)
    }

    /// Walks RFC 8285 elements: ID 0 is a padding byte; in the one-byte form ID 15 ends the block.
    private static func parseElements(_ data: UnsafeRawBufferPointer, oneByte: Bool) throws -> [RTPExtensionElement] {
        var elements: [RTPExtensionElement] = []
        var cursor = RTPExtensionCursor(data: data, oneByte: oneByte)
        while let (id, range) = try cursor.next() {
            elements.append(RTPExtensionElement(id: id, data: Array(data[range])))
        }
        return elements
    }
}
