import COpenSSL

/// The DTLS configuration many endpoints share (one OpenSSL `SSL_CTX`, freed in deinit).
///
/// DTLS 1.2 only (RFC 6347), our certificate, the DTLS-SRTP profiles in order of preference (RFC 5764),
/// a peer-certificate check that trusts only the signaled fingerprint, and the HelloVerifyRequest
/// cookie secret. A server creates one and an endpoint per peer from it.
public final class DTLSContext: Sendable {
    /// The `use_srtp` offer: every `SRTPProfile`, AES-GCM first.
    static let srtpProfiles = SRTPProfile.allCases.map(\.dtlsName).joined(separator: ":")

    /// The cipher suites we negotiate: ECDHE with AES-GCM (RFC 5289), for ECDSA or RSA certificates.
    static let cipherSuites =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"

    /// Our certificate, presented to every peer.
    public let certificate: DTLSCertificate
    /// Secret for the HelloVerifyRequest cookies endpoints of this context issue as servers.
    let cookieSecret: DTLSCookieSecret
    /// The `SSL_CTX`: configured here, then only read; OpenSSL's own lock guards its reference count,
    /// so endpoints on any thread may create `SSL`s from it.
    nonisolated(unsafe) let pointer: OpaquePointer

    /// Creates the configuration for endpoints that present `certificate`.
    public init(certificate: DTLSCertificate) throws {
        let key = try PrivateKey(pem: certificate.privateKeyPEM)
        let x509 = try X509Certificate(pem: certificate.certificatePEM)
        guard let context = SSL_CTX_new(DTLS_method()) else { throw OpenSSLErrorQueue.failure("SSL_CTX_new") }
        self.certificate = certificate
        self.pointer = context
        self.cookieSecret = try DTLSCookieSecret()

        guard copenssl_ctx_set_min_proto_version(context, DTLS1_2_VERSION) == 1,
            copenssl_ctx_set_max_proto_version(context, DTLS1_2_VERSION) == 1
        else { throw OpenSSLErrorQueue.failure("SSL_CTX_set_min/max_proto_version(DTLS 1.2)") }
        // AES-GCM suites only: what WebRTC peers offer first, and what DTLSDatagramFilter's length check assumes.
        guard SSL_CTX_set_cipher_list(context, Self.cipherSuites) == 1 else {
            throw OpenSSLErrorQueue.failure("SSL_CTX_set_cipher_list")
        }
        SSL_CTX_set_options(
            context, UInt64(copenssl_op_no_query_mtu() | copenssl_op_cookie_exchange() | copenssl_op_no_ticket()))
        _ = SSL_CTX_ctrl(context, SSL_CTRL_SET_SESS_CACHE_MODE, Int(SSL_SESS_CACHE_OFF), nil)
        guard SSL_CTX_use_certificate(context, x509.pointer) == 1 else {
            throw OpenSSLErrorQueue.failure("SSL_CTX_use_certificate")
        }
        guard SSL_CTX_use_PrivateKey(context, key.pointer) == 1, SSL_CTX_check_private_key(context) == 1 else {
            throw OpenSSLErrorQueue.failure("SSL_CTX_use_PrivateKey")
        }
        // Unlike most of OpenSSL, this one returns 0 on success.
        guard SSL_CTX_set_tlsext_use_srtp(context, Self.srtpProfiles) == 0 else {
            throw OpenSSLErrorQueue.failure("SSL_CTX_set_tlsext_use_srtp")
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT) { preverified, store in
            DTLSConnection.verifyPeerCertificate(store: store)
        }
        SSL_CTX_set_cookie_generate_cb(context) { ssl, cookie, length in
            DTLSConnection.generateCookie(ssl: ssl, cookie: cookie, length: length)
        }
        SSL_CTX_set_cookie_verify_cb(context) { ssl, cookie, length in
            DTLSConnection.verifyCookie(ssl: ssl, cookie: cookie, length: length)
        }
    }

    deinit {
        SSL_CTX_free(pointer)
    }
}
