import NIOCore
import RTCSignaling
import RTCTransport

/// One member's media transport: its ICE credentials, the address a valid STUN request bound,
/// the DTLS association and the SRTP contexts it yields, and RTCP statistics per stream.
/// Touched only on the server core's event loop.
final class MediaLeg {
    /// The credentials the server gave this member in `join.ok`.
    let serverICE: ICEParameters
    /// The member's credentials from `join`.
    let clientICE: ICEParameters
    /// The DTLS fingerprint the member signaled; any other certificate fails the handshake.
    let expectedFingerprint: DTLSFingerprint
    /// When the leg was created, for the DTLS handshake deadline.
    let created: NIODeadline
    /// The SSRC of the server's own RTCP reports on this leg.
    let reportSSRC = UInt32.random(in: 1...UInt32.max)
    /// The address bound by the last valid STUN request; nil before the first.
    var address: SocketAddress?
    /// The DTLS association, created by the first DTLS record from the bound address.
    var dtls: DTLSEndpoint?
    /// When `dtls.handleTimeout()` is next due.
    var dtlsDeadline: NIODeadline?
    /// Unprotects what the member sends, once DTLS has finished.
    var inbound: SRTPContext?
    /// Protects what the server sends the member, once DTLS has finished.
    var outbound: SRTPContext?
    /// Reception statistics of each stream the member publishes, by SSRC.
    var received: [UInt32: RTPReceiveStatistics] = [:]
    /// What the server forwarded to the member, by SSRC, for its Sender Reports.
    var sent: [UInt32: RTPSendCounters] = [:]
    /// What the member's Receiver Reports say of each stream forwarded to it, by SSRC.
    var reported: [UInt32: LegQuality] = [:]
    /// When RTCP reports were last sent on this leg.
    var lastReport: NIODeadline

    init(clientICE: ICEParameters, expectedFingerprint: DTLSFingerprint, now: NIODeadline = .now()) {
        self.serverICE = ICECredentials.generate()
        self.clientICE = clientICE
        self.expectedFingerprint = expectedFingerprint
        self.created = now
        self.lastReport = now
    }

    /// Whether SRTP keys exist: media can flow both ways.
    var isSecured: Bool { inbound != nil && outbound != nil }

    /// Frees the DTLS association, keeping the SRTP contexts it yielded. For a member whose SRTP or
    /// SRTCP has authenticated: the member's handshake finished, so the server's last flight will
    /// never be resent (RFC 6347 §4.2.4), and the `SSL` with its record and handshake buffers
    /// (≈ 60 KiB) would only hold memory for the rest of the stay.
    func releaseDTLS() {
        dtls = nil
        dtlsDeadline = nil
    }

    /// Frees the DTLS association and SRTP contexts.
    func close() {
        dtls = nil
        inbound = nil
        outbound = nil
        address = nil
    }
}

/// A subscriber's view of one forwarded stream, from its Receiver Reports.
struct LegQuality: Sendable {
    /// Fraction lost in the last report interval (0…1).
    var fractionLost: Double
    /// Round-trip time of the leg, when the report carried LSR/DLSR.
    var roundTripSeconds: Double?
}

/// Packets and octets forwarded on one leg for one SSRC (RFC 3550 §6.4.1 sender info).
struct RTPSendCounters: Sendable {
    /// RTP packets sent.
    var packets: UInt32 = 0
    /// Payload octets sent.
    var octets: UInt32 = 0
    /// The RTP timestamp of the last packet and when it was sent.
    var lastTimestamp: UInt32 = 0
    var lastSent: NIODeadline = .now()
}
