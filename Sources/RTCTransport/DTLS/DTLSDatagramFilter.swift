/// Screens a received datagram before OpenSSL reads it.
///
/// RFC 6347 §4.1.2.7 says to drop invalid records silently, but OpenSSL 3.0 answers some with a fatal
/// alert that ends the association (openssl/openssl#25290, #25840), so one spoofed datagram could cut
/// a call. Datagrams holding any such record are dropped here instead: a truncated record, an unknown
/// content type, an encrypted record shorter than AES-GCM's explicit nonce and tag, plaintext
/// application data, or a ChangeCipherSpec other than the single byte 1 (RFC 5246 §7.1).
/// Plaintext handshake messages and alerts still reach OpenSSL: until the Finished messages, DTLS 1.2
/// cannot tell a forged one from the peer's.
enum DTLSDatagramFilter {
    /// The smallest encrypted record body: an 8-byte explicit nonce and a 16-byte tag
    /// (RFC 5288 §3); `DTLSContext` allows only AES-GCM cipher suites.
    static let minimumEncryptedBodyLength = 8 + 16

    /// Whether every record in `datagram` is one OpenSSL can safely be given.
    static func accepts(_ datagram: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < datagram.count {
            guard let header = DTLSRecordHeader(datagram, at: offset),
                header.bodyLength <= datagram.count - offset - DTLSRecordHeader.length
            else { return false }
            let body = offset + DTLSRecordHeader.length
            switch (header.contentType, header.epoch) {
            case (20...23, 1...) where header.bodyLength >= minimumEncryptedBodyLength: break
            case (20, 0) where header.bodyLength == 1 && datagram[body] == 1: break
            case (21...22, 0): break
            default: return false
            }
            offset = body + header.bodyLength
        }
        return offset > 0
    }
}
