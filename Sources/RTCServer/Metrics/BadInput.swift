/// Every kind of bad input the server refuses, each counted in `/metrics` as
/// `rtc_bad_input_total{kind="…"}`.
public enum BadInput: String, CaseIterable, Sendable {
    /// A UDP datagram that is no STUN, DTLS, RTP or RTCP, or is truncated.
    case datagramGarbage = "datagram_garbage"
    /// A STUN message that does not parse, or is not a Binding request.
    case stunMalformed = "stun_malformed"
    /// A STUN request whose USERNAME names no session.
    case stunUnknownUser = "stun_unknown_user"
    /// A STUN request whose MESSAGE-INTEGRITY or FINGERPRINT does not verify.
    case stunIntegrity = "stun_integrity"
    /// DTLS from an address that no valid STUN request has bound.
    case dtlsUnknownAddress = "dtls_unknown_address"
    /// A DTLS record the session's endpoint refused, or a failed handshake.
    case dtlsFailure = "dtls_failure"
    /// A DTLS record from a member whose handshake finished (its association is freed by then).
    case dtlsAfterHandshake = "dtls_after_handshake"
    /// RTP/RTCP from an address that no session owns, or before keys exist.
    case srtpUnknownAddress = "srtp_unknown_address"
    /// SRTP/SRTCP whose authentication tag does not verify.
    case srtpAuthentication = "srtp_authentication"
    /// SRTP/SRTCP that replays an already received index.
    case srtpReplay = "srtp_replay"
    /// RTP with an SSRC the sender did not publish.
    case rtpUnknownSSRC = "rtp_unknown_ssrc"
    /// RTCP that does not parse once decrypted.
    case rtcpMalformed = "rtcp_malformed"
    /// A signaling frame that is not JSON, not an object, or of an unknown type.
    case signalingMalformed = "signaling_malformed"
    /// A signaling message of a type the protocol does not define (the connection stays up).
    case signalingUnknownType = "signaling_unknown_type"
    /// A signaling frame larger than 64 KiB, or a binary frame.
    case signalingOversized = "signaling_oversized"
    /// A signaling message that the session's state does not allow (publish before join, join twice).
    case signalingOutOfOrder = "signaling_out_of_order"
    /// A signaling request refused for the sender's role.
    case signalingForbidden = "signaling_forbidden"
    /// A custom message over the rate limits.
    case signalingRateLimited = "signaling_rate_limited"
    /// A join refused for its parameters (ids, role, scene).
    case joinInvalid = "join_invalid"
    /// A join refused for its UserSig (forged, expired, wrong app or user, undecodable).
    case userSig = "user_sig"
    /// A REST request whose TC3 authorization fails.
    case restAuthentication = "rest_authentication"
    /// A REST request whose body or parameters are invalid.
    case restParameters = "rest_parameters"
    /// A REST request over the per-app, per-action rate limit.
    case restRateLimited = "rest_rate_limited"
}
