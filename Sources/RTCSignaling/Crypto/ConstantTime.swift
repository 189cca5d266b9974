import COpenSSL

/// Comparison whose running time does not depend on where two secrets differ (OpenSSL's `CRYPTO_memcmp`).
enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes; only the lengths (public) may leak through timing.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, x.count) == 0 }
        }
    }
}
