extension STUNMessage {
    /// Whether the received bytes carry a MESSAGE-INTEGRITY that matches `key` (RFC 8489 §14.5):
    /// HMAC-SHA1 over the message up to that attribute with the header length adjusted to end
    /// there, compared in constant time. False for a message that was built, not decoded.
    public func verifyIntegrity(key: [UInt8]) -> Bool {
        guard let received, let offset = received.integrityOffset else { return false }
        var covered = Array(received.bytes[0..<offset])
        let adjustedLength = UInt16(offset + 4 + HMACSHA1.length - STUNMessage.headerLength)
        covered[2] = UInt8(adjustedLength >> 8)
        covered[3] = UInt8(adjustedLength & 0xFF)
        guard let expected = try? covered.withUnsafeBytes({ try HMACSHA1.authenticationCode(key: key, message: $0) })
        else { return false }
        let valueStart = offset + 4
        return received.bytes.withUnsafeBytes { bytes in
            expected.withUnsafeBytes { ConstantTime.equals(UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueStart + HMACSHA1.length]), $0) }
        }
    }

    /// Whether the received bytes end with a FINGERPRINT that matches them (RFC 8489 §14.7):
    /// CRC-32 of everything before it, XOR 0x5354554E. False for a message that was built, not decoded.
    public func verifyFingerprint() -> Bool {
        guard let received, let offset = received.fingerprintOffset else { return false }
        let crc = received.bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<offset])) }
        let sent = received.bytes[(offset + 4)..<(offset + 8)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return crc ^ STUNMessage.fingerprintXOR == sent
    }
}
