import COpenSSL

/// HMAC-SHA1 (RFC 2104) through OpenSSL, as STUN MESSAGE-INTEGRITY needs (RFC 8489 §14.5).
enum HMACSHA1 {
    /// The length of an HMAC-SHA1 code in bytes.
    static let length = 20

    /// The 20-byte authentication code of `message` under `key`.
    static func authenticationCode(key: [UInt8], message: UnsafeRawBufferPointer) throws -> [UInt8] {
        var code = [UInt8](repeating: 0, count: length)
        var codeLength: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            code.withUnsafeMutableBufferPointer { out in
                HMAC(
                    EVP_sha1(), keyBytes.baseAddress, Int32(keyBytes.count),
                    message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count,
                    out.baseAddress, &codeLength)
            }
        }
        guard result != nil, codeLength == UInt32(length) else {
            throw TransportError.cryptoFailure(operation: "HMAC-SHA1")
        }
        return code
    }
}
