extension STUNMessage {
    /// Decodes one STUN message from a datagram's untrusted bytes (RFC 8489 §5, §6.3); throws
    /// `TransportError` unless the bytes are exactly one well-formed message.
    public init(decoding bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try STUNMessage.decode($0, keeping: bytes) }
    }

    /// Decodes one STUN message from a datagram's untrusted bytes; see `init(decoding:)`.
    public init(decoding bytes: UnsafeRawBufferPointer) throws {
        self = try STUNMessage.decode(bytes, keeping: Array(bytes))
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, keeping copy: [UInt8]) throws -> STUNMessage {
        var reader = WireReader(bytes, what: "STUN message")
        try reader.require(headerLength)
        let rawType = try reader.readUInt16()
        guard let type = STUNMessageType(rawValue: rawType) else {
            throw TransportError.malformed(what: "STUN message", reason: "type 0x\(String(rawType, radix: 16)) has a top bit set")
        }
        let length = Int(try reader.readUInt16())
        guard try reader.readUInt32() == STUNAddressCoding.magicCookie else {
            throw TransportError.malformed(what: "STUN message", reason: "no magic cookie")
        }
        let transactionID = STUNTransactionID(high: try reader.readUInt32(), low: try reader.readUInt64())
        guard length % 4 == 0 else {
            throw TransportError.malformed(what: "STUN message", reason: "length \(length) not a multiple of 4")
        }
        try reader.require(length)
        guard reader.remaining == length else {
            throw TransportError.malformed(what: "STUN message", reason: "\(reader.remaining - length) bytes after the message")
        }

        var attributes: [STUNAttribute] = []
        var integrityOffset: Int?
        var fingerprintOffset: Int?
        while reader.remaining > 0 {
            let start = reader.offset
            if fingerprintOffset != nil {
                throw TransportError.malformed(what: "STUN message", reason: "attribute after FINGERPRINT")
            }
            var attributeReader = WireReader(bytes, what: "STUN attribute", offset: start)
            let type = STUNAttributeType(rawValue: try attributeReader.readUInt16())
            let valueLength = Int(try attributeReader.readUInt16())
            let value = try attributeReader.readRange(valueLength)
            try attributeReader.skip((4 - valueLength % 4) % 4)
            try reader.skip(attributeReader.offset - start)

            if integrityOffset != nil && type != .fingerprint { continue }
            if type == .messageIntegrity { integrityOffset = start }
            if type == .fingerprint { fingerprintOffset = start }
            let valueBytes = UnsafeRawBufferPointer(rebasing: bytes[value])
            attributes.append(try STUNAttribute.decode(type: type, value: valueBytes, transactionID: transactionID))
        }
        let received = ReceivedBytes(bytes: copy, integrityOffset: integrityOffset, fingerprintOffset: fingerprintOffset)
        return STUNMessage(type: type, transactionID: transactionID, attributes: attributes, received: received)
    }
}
