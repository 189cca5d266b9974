extension STUNMessage {
    /// The message as bytes to send (RFC 8489 §5, §14). With `integrityKey` (for ICE: the
    /// peer's password as UTF-8, RFC 8445 §7.2.2) MESSAGE-INTEGRITY is appended (§14.5);
    /// with `fingerprint`, FINGERPRINT last (§14.7). MESSAGE-INTEGRITY and FINGERPRINT
    /// entries already in `attributes` are skipped. Throws when a value does not fit.
    public func encoded(integrityKey: [UInt8]? = nil, fingerprint: Bool = false) throws -> [UInt8] {
        var values: [(type: STUNAttributeType, value: [UInt8])] = []
        for attribute in attributes where attribute.type != .messageIntegrity && attribute.type != .fingerprint {
            values.append((attribute.type, try attribute.encodedValue(transactionID: transactionID)))
        }
        let integrityLength = integrityKey == nil ? 0 : 4 + HMACSHA1.length
        let fingerprintLength = fingerprint ? 8 : 0
        let bodyLength = values.reduce(0) { $0 + 4 + Self.padded($1.value.count) } + integrityLength + fingerprintLength
        guard bodyLength <= Int(UInt16.max) else {
            throw TransportError.invalidValue(what: "STUN message length", value: bodyLength)
        }

        return try serializedBytes(size: Self.headerLength + bodyLength) { writer in
            try writer.write(type.rawValue)
            try writer.write(UInt16(0))
            try writer.write(STUNAddressCoding.magicCookie)
            try writer.write(transactionID.high)
            try writer.write(transactionID.low)
            for (type, value) in values {
                try writer.write(type.rawValue)
                try writer.write(UInt16(value.count))
                try writer.write(bytes: value)
                try writer.writeZeros(Self.padded(value.count) - value.count)
            }
            if let integrityKey {
                writer.patch(UInt16(writer.offset + integrityLength - Self.headerLength), at: 2)
                let covered = UnsafeRawBufferPointer(rebasing: writer.buffer[0..<writer.offset])
                let code = try HMACSHA1.authenticationCode(key: integrityKey, message: covered)
                try writer.write(STUNAttributeType.messageIntegrity.rawValue)
                try writer.write(UInt16(code.count))
                try writer.write(bytes: code)
            }
            writer.patch(UInt16(bodyLength), at: 2)
            if fingerprint {
                let covered = UnsafeRawBufferPointer(rebasing: writer.buffer[0..<writer.offset])
                try writer.write(STUNAttributeType.fingerprint.rawValue)
                try writer.write(UInt16(4))
                try writer.write(CRC32.checksum(covered) ^ Self.fingerprintXOR)
            }
        }
    }

    /// FINGERPRINT is the CRC-32 XORed with this constant ("STUN", RFC 8489 §14.7).
    static let fingerprintXOR: UInt32 = 0x5354_554E

    /// A length rounded up to the 4-byte boundary attributes are aligned on.
    static func padded(_ length: Int) -> Int {
        (length + 3) & ~3
    }
}
