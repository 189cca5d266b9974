import CZlib

/// zlib streams (RFC 1950) through zlib's one-shot `compress2` / `uncompress2`.
enum Zlib {
    /// Why a stream could not be inflated.
    enum InflateFailure: Error, Equatable {
        /// The stream would inflate past the output limit (a zlib bomb, or just too big).
        case tooLarge
        /// Not a complete, valid zlib stream, or bytes follow its end.
        case corrupt(code: Int32)
    }

    /// `bytes` compressed at zlib's default level, as Python's `zlib.compress` does.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var capacity = compressBound(UInt(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &capacity, input.baseAddress, UInt(input.count), Z_DEFAULT_COMPRESSION)
            }
        }
        // compress2 into compressBound() bytes fails only when zlib cannot allocate its state.
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        output.removeSubrange(Int(capacity)...)
        return output
    }

    /// The inflated bytes of one complete zlib stream, never more than `limit` bytes.
    static func inflate(_ bytes: [UInt8], limit: Int) throws(InflateFailure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: limit)
        var produced = UInt(limit)
        var consumed = UInt(bytes.count)
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                uncompress2(out.baseAddress, &produced, input.baseAddress, &consumed)
            }
        }
        // uncompress2 reports Z_BUF_ERROR only when the output is full and the stream goes on.
        if status == Z_BUF_ERROR { throw .tooLarge }
        guard status == Z_OK, consumed == UInt(bytes.count) else { throw .corrupt(code: status) }
        output.removeSubrange(Int(produced)...)
        return output
    }
}
