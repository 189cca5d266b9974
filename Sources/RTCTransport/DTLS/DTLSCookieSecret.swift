import COpenSSL

/// Stateless HelloVerifyRequest cookies (RFC 6347 §4.2.1): an HMAC-SHA256 of the peer's address under a random secret.
struct DTLSCookieSecret: Sendable {
    private let secret: [UInt8]

    /// A fresh 32-byte secret, one per `DTLSContext`.
    init() throws {
        secret = try SecureRandom.bytes(32)
    }

    /// The cookie for a peer: HMAC-SHA256(secret, peer address); nil if OpenSSL fails.
    func cookie(for peerAddress: [UInt8]) -> [UInt8]? {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard HMAC(EVP_sha256(), secret, Int32(secret.count), peerAddress, peerAddress.count, &mac, &length) != nil else {
            return nil
        }
        return Array(mac.prefix(Int(length)))
    }

    /// Whether a cookie echoed in a ClientHello is the one we issued to this peer, compared in constant time.
    func verify(_ cookie: UnsafeBufferPointer<UInt8>, for peerAddress: [UInt8]) -> Bool {
        guard let expected = self.cookie(for: peerAddress), expected.count == cookie.count,
            let received = cookie.baseAddress
        else { return false }
        return CRYPTO_memcmp(expected, received, expected.count) == 0
    }
}
