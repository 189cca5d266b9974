import Foundation
import Testing
@testable import RTCTransport

@Suite struct DTLSCertificateTests {
    @Test func generatedCertificateIsSelfSignedP256WithOpenSSLsFingerprint() async throws {
        let certificate = try DTLSCertificate.generate(commonName: "fingerprint-test")
        let directory = try TemporaryDirectory()
        let path = try directory.write(certificate.certificatePEM, to: "cert.pem")
        let (fingerprint, text) = try await onThread {
            (try runOpenSSL(["x509", "-in", path, "-noout", "-fingerprint", "-sha256"]),
             try runOpenSSL(["x509", "-in", path, "-noout", "-text"]))
        }
        // "sha256 Fingerprint=AB:CD:…" as the openssl CLI prints it.
        let hex = try #require(fingerprint.split(separator: "=").last).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try DTLSFingerprint(parsing: "sha-256 " + hex) == certificate.fingerprint)
        #expect(text.contains("ASN1 OID: prime256v1"))
        #expect(text.contains("Signature Algorithm: ecdsa-with-SHA256"))
        #expect(text.contains("Issuer: CN = fingerprint-test"))
        #expect(text.contains("Subject: CN = fingerprint-test"))
    }

    @Test func reloadsFromPEM() throws {
        let certificate = try DTLSCertificate.generate()
        let reloaded = try DTLSCertificate(
            certificatePEM: certificate.certificatePEM, privateKeyPEM: certificate.privateKeyPEM)
        #expect(reloaded == certificate)
        #expect(try DTLSCertificate.generate().fingerprint != certificate.fingerprint)
    }

    @Test func rejectsAKeyOfAnotherCertificateAndGarbage() throws {
        let one = try DTLSCertificate.generate()
        let other = try DTLSCertificate.generate()
        #expect(throws: TransportError.self) {
            try DTLSCertificate(certificatePEM: one.certificatePEM, privateKeyPEM: other.privateKeyPEM)
        }
        #expect(throws: TransportError.self) {
            try DTLSCertificate(certificatePEM: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                                privateKeyPEM: one.privateKeyPEM)
        }
        #expect(throws: TransportError.self) {
            try DTLSCertificate(certificatePEM: one.certificatePEM, privateKeyPEM: "")
        }
    }
}
