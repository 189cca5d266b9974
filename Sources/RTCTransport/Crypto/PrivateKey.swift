import COpenSSL

/// An OpenSSL private key (`EVP_PKEY`), freed in deinit.
final class PrivateKey {
    let pointer: OpaquePointer

    private init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// A fresh ECDSA key on NIST P-256 (secp256r1), the curve WebRTC certificates use.
    static func generateP256() throws -> PrivateKey {
        guard let key = copenssl_ec_p256_generate() else { throw OpenSSLErrorQueue.failure("EVP_EC_gen") }
        return PrivateKey(taking: key)
    }

    /// A key parsed from PEM text (PKCS #8 or the algorithm's traditional form).
    convenience init(pem: String) throws {
        guard let key = PEM.read(pem, with: { PEM_read_bio_PrivateKey($0, nil, nil, nil) }) else {
            throw OpenSSLErrorQueue.failure("PEM_read_bio_PrivateKey")
        }
        self.init(taking: key)
    }

    /// The key as unencrypted PKCS #8 PEM text.
    func pem() throws -> String {
        try PEM.write("PEM_write_bio_PrivateKey") { PEM_write_bio_PrivateKey($0, pointer, nil, nil, 0, nil, nil) }
    }
}
