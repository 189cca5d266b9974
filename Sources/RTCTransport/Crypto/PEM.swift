import COpenSSL

/// PEM text in and out of OpenSSL objects through a temporary memory BIO.
enum PEM {
    /// Parses PEM text with one of OpenSSL's `PEM_read_bio_*` functions; nil when the text holds no such object.
    static func read(_ text: String, with parse: (OpaquePointer) -> OpaquePointer?) -> OpaquePointer? {
        var bytes = Array(text.utf8)
        guard let bio = BIO_new_mem_buf(&bytes, Int32(bytes.count)) else { return nil }
        defer { BIO_free(bio) }
        return parse(bio)
    }

    /// Writes an object as PEM text with one of OpenSSL's `PEM_write_bio_*` functions.
    static func write(_ operation: String, with encode: (OpaquePointer) -> Int32) throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLErrorQueue.failure("BIO_new") }
        defer { BIO_free(bio) }
        guard encode(bio) == 1 else { throw OpenSSLErrorQueue.failure(operation) }
        var bytes = [UInt8](repeating: 0, count: Int(BIO_ctrl_pending(bio)))
        let read = BIO_read(bio, &bytes, Int32(bytes.count))
        return String(decoding: bytes.prefix(Int(max(read, 0))), as: UTF8.self)
    }
}
