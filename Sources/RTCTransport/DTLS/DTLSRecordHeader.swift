/// The header of a DTLS 1.2 record (RFC 6347 §4.1): content type, version, epoch, sequence number, length.
struct DTLSRecordHeader {
    /// Bytes in a record header.
    static let length = 13

    /// 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data.
    let contentType: UInt8
    /// 0 until the first ChangeCipherSpec; records of later epochs are encrypted.
    let epoch: UInt16
    /// Bytes of record body after the header.
    let bodyLength: Int

    /// The header at `offset`, nil when fewer than 13 bytes remain.
    init?(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        guard offset >= 0, bytes.count - offset >= Self.length else { return nil }
        contentType = bytes[offset]
        epoch = UInt16(bytes[offset + 3]) << 8 | UInt16(bytes[offset + 4])
        bodyLength = Int(bytes[offset + 11]) << 8 | Int(bytes[offset + 12])
    }
}
