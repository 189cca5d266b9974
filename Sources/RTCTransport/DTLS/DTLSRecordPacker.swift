/// Packs the DTLS records OpenSSL wrote into datagrams (RFC 6347 §4.1.1: several records may share one).
///
/// A memory BIO concatenates OpenSSL's writes, losing the datagram boundaries; OpenSSL keeps every
/// record within the link MTU, so whole records are packed greedily into datagrams no larger than it.
enum DTLSRecordPacker {
    /// Splits `bytes` at record boundaries and groups whole records into datagrams of at most `maximumSize` bytes.
    static func datagrams(from bytes: ArraySlice<UInt8>, maximumSize: Int) -> [[UInt8]] {
        bytes.withUnsafeBytes { bytes in
            var datagrams: [[UInt8]] = []
            var current: [UInt8] = []
            var offset = 0
            while offset < bytes.count {
                let end = DTLSRecordHeader(bytes, at: offset).map {
                    min(offset + DTLSRecordHeader.length + $0.bodyLength, bytes.count)
                } ?? bytes.count
                if !current.isEmpty && current.count + (end - offset) > maximumSize {
                    datagrams.append(current)
                    current = []
                }
                current += bytes[offset..<end]
                offset = end
            }
            if !current.isEmpty { datagrams.append(current) }
            return datagrams
        }
    }
}
