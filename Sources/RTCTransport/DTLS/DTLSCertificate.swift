/// Our DTLS identity (RFC 5763 §5): a certificate, its private key, and the fingerprint we signal for it.
///
/// Held as PEM text, so that it is a plain value: it can be stored, shared between threads, written
/// to files for other tools, and loaded again.
public struct DTLSCertificate: Sendable, Equatable {
    /// The X.509 certificate, PEM-encoded.
    public let certificatePEM: String
    /// The certificate's private key, unencrypted PKCS #8 PEM.
    public let privateKeyPEM: String
    /// The certificate's SHA-256 fingerprint, to send in signaling (`dtls.fingerprint`).
    public let fingerprint: DTLSFingerprint

    /// Generates a self-signed ECDSA P-256 certificate, the kind WebRTC endpoints use (RFC 8827 §6.5).
    public static func generate(
        commonName: String = "RTCEngine", validity: Duration = .seconds(30 * 86_400)
    ) throws -> DTLSCertificate {
        let key = try PrivateKey.generateP256()
        let certificate = try X509Certificate.selfSigned(key: key, commonName: commonName, validity: validity)
        return DTLSCertificate(
            certificatePEM: try certificate.pem(), privateKeyPEM: try key.pem(),
            fingerprint: try DTLSFingerprint(certificate: certificate.pointer))
    }

    /// Loads a certificate and its private key from PEM text, checking that they belong together.
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        let certificate = try X509Certificate(pem: certificatePEM)
        guard certificate.matches(try PrivateKey(pem: privateKeyPEM)) else {
            throw TransportError.malformed(what: "DTLS certificate", reason: "the private key does not match the certificate")
        }
        self.init(
            certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM,
            fingerprint: try DTLSFingerprint(certificate: certificate.pointer))
    }

    private init(certificatePEM: String, privateKeyPEM: String, fingerprint: DTLSFingerprint) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.fingerprint = fingerprint
    }
}
