import COpenSSL

/// A certificate fingerprint as signaled for DTLS-SRTP (RFC 8122 §5): "sha-256 AB:CD:…", the SHA-256 of its DER encoding.
public struct DTLSFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// The 32-byte SHA-256 digest of the certificate's DER encoding.
    public let sha256: [UInt8]

    /// The signaling form: "sha-256 " then the digest as colon-separated uppercase hex pairs.
    public var description: String {
        "sha-256 " + sha256.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return byte < 0x10 ? "0" + digits : digits
        }.joined(separator: ":")
    }

    /// Parses the signaling form, e.g. from a peer's `dtls.fingerprint`; the hash name and hex digits are case-insensitive.
    public init(parsing text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count <= 256 else {
            throw TransportError.malformed(what: "DTLS fingerprint", reason: "\(bytes.count) characters is too long")
        }
        let words = bytes.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard words.count == 2 else {
            throw TransportError.malformed(what: "DTLS fingerprint", reason: "expected \"<hash> <hex pairs>\"")
        }
        let hash = String(decoding: words[0], as: UTF8.self).lowercased()
        guard hash == "sha-256" else {
            throw TransportError.malformed(what: "DTLS fingerprint", reason: "unsupported hash function \(hash)")
        }
        let pairs = words[1].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard pairs.count == 32 else {
            throw TransportError.malformed(what: "DTLS fingerprint", reason: "\(pairs.count) bytes, SHA-256 has 32")
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for pair in pairs {
            // Digits only: UInt8(_:radix:) would also take a sign ("+F", "-0").
            guard pair.count == 2, pair.allSatisfy(Self.isHexDigit),
                let byte = UInt8(String(decoding: pair, as: UTF8.self), radix: 16)
            else {
                throw TransportError.malformed(
                    what: "DTLS fingerprint", reason: "\"\(String(decoding: pair, as: UTF8.self))\" is not a hex byte")
            }
            digest.append(byte)
        }
        sha256 = digest
    }

    /// Whether `byte` is 0-9, a-f or A-F.
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    /// The fingerprint of an OpenSSL certificate (`X509_digest` with SHA-256); the certificate stays the caller's.
    init(certificate: OpaquePointer) throws {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(certificate, EVP_sha256(), &digest, &length) == 1 else {
            throw OpenSSLErrorQueue.failure("X509_digest")
        }
        sha256 = Array(digest.prefix(Int(length)))
    }
}
