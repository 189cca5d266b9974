import CZlib

/// CRC-32 (ISO 3309, as in zlib), which STUN FINGERPRINT uses (RFC 8489 §14.7).
enum CRC32 {
    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let crc = crc32_z(0, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        return UInt32(truncatingIfNeeded: crc)
    }
}
