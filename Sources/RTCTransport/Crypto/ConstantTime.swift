import COpenSSL

/// Comparison of secrets (MACs) in time that does not depend on where they differ.
enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes; only the lengths leak through timing.
    static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress, let right = b.baseAddress else { return true }
        return CRYPTO_memcmp(left, right, a.count) == 0
    }
}
