import COpenSSL

/// OpenSSL's thread-local error queue, drained into readable lines for `TransportError`s.
enum OpenSSLErrorQueue {
    /// Removes every queued error and returns them oldest first, e.g. "error:0A000086:SSL routines::certificate verify failed".
    static func drain() -> [String] {
        var errors: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            errors.append(withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
                ERR_error_string_n(code, buffer.baseAddress, buffer.count)
                return String(cString: buffer.baseAddress!)
            })
        }
        return errors
    }

    /// An `openSSLFailure` for a call that failed just now, carrying the drained queue.
    static func failure(_ operation: String) -> TransportError {
        .openSSLFailure(operation: operation, errors: drain())
    }
}
