import CSRTP

/// An SRTP protection profile (RFC 5764 §4.1.2, RFC 7714 §14.2): the cipher, the tag and the key lengths.
///
/// Cases are declared in order of preference, so `allCases` is the order DTLS-SRTP offers them.
public enum SRTPProfile: String, Sendable, CaseIterable {
    /// AEAD_AES_128_GCM (RFC 7714): AES-128 in GCM with a 16-byte tag; the default, and ≈3× faster here.
    case aeadAES128GCM = "SRTP_AEAD_AES_128_GCM"
    /// AES_CM_128_HMAC_SHA1_80 (RFC 3711 §5): AES-128 counter mode with an 80-bit HMAC-SHA1 tag, for compatibility.
    case aesCM128HMACSHA1_80 = "SRTP_AES128_CM_SHA1_80"

    /// Length in bytes of the SRTP master key.
    public var masterKeyLength: Int { 16 }

    /// Length in bytes of the SRTP master salt: 12 for AES-GCM (RFC 7714 §12), 14 for AES-CM (RFC 3711 §8.2).
    public var masterSaltLength: Int {
        switch self {
        case .aeadAES128GCM: 12
        case .aesCM128HMACSHA1_80: 14
        }
    }

    /// The profile's name in the DTLS `use_srtp` extension, as OpenSSL spells it.
    public var dtlsName: String { rawValue }

    /// The profile with this DTLS-SRTP protection profile identifier (RFC 5764 §4.1.2, RFC 7714 §14.2).
    init?(dtlsProfileID: UInt) {
        switch dtlsProfileID {
        case 0x0007: self = .aeadAES128GCM
        case 0x0001: self = .aesCM128HMACSHA1_80
        default: return nil
        }
    }

    /// Fills a libsrtp crypto policy for this profile; SRTP and SRTCP use the same one.
    func apply(to policy: inout srtp_crypto_policy_t) {
        switch self {
        case .aeadAES128GCM: srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy)
        // srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80 is a macro for the default policy.
        case .aesCM128HMACSHA1_80: srtp_crypto_policy_set_rtp_default(&policy)
        }
    }
}
