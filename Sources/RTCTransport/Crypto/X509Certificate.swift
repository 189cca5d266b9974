import COpenSSL

/// An OpenSSL X.509 certificate (`X509`), freed in deinit.
final class X509Certificate {
    let pointer: OpaquePointer

    /// Takes ownership of a certificate OpenSSL handed over with a reference (e.g. `SSL_get1_peer_certificate`).
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_free(pointer)
    }

    /// A certificate parsed from PEM text.
    convenience init(pem: String) throws {
        guard let certificate = PEM.read(pem, with: { PEM_read_bio_X509($0, nil, nil, nil) }) else {
            throw OpenSSLErrorQueue.failure("PEM_read_bio_X509")
        }
        self.init(taking: certificate)
    }

    /// A self-signed X.509 v3 certificate for `key`, signed with ECDSA-SHA256, valid from a day ago for `validity`.
    static func selfSigned(key: PrivateKey, commonName: String, validity: Duration) throws -> X509Certificate {
        guard let pointer = X509_new() else { throw OpenSSLErrorQueue.failure("X509_new") }
        let certificate = X509Certificate(taking: pointer)
        let serial = try SecureRandom.bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } >> 1
        let name = X509_get_subject_name(pointer)
        guard X509_set_version(pointer, 2) == 1,
            ASN1_INTEGER_set_uint64(X509_get_serialNumber(pointer), serial) == 1,
            X509_gmtime_adj(X509_getm_notBefore(pointer), -86_400) != nil,
            X509_gmtime_adj(X509_getm_notAfter(pointer), Int(validity.components.seconds)) != nil,
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1,
            X509_set_issuer_name(pointer, name) == 1,
            X509_set_pubkey(pointer, key.pointer) == 1
        else { throw OpenSSLErrorQueue.failure("building an X.509 certificate") }
        guard X509_sign(pointer, key.pointer, EVP_sha256()) > 0 else { throw OpenSSLErrorQueue.failure("X509_sign") }
        return certificate
    }

    /// The certificate as PEM text.
    func pem() throws -> String {
        try PEM.write("PEM_write_bio_X509") { PEM_write_bio_X509($0, pointer) }
    }

    /// Whether `key` is the private half of this certificate's public key.
    func matches(_ key: PrivateKey) -> Bool {
        X509_check_private_key(pointer, key.pointer) == 1
    }
}
