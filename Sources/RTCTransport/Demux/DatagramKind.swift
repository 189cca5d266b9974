/// What a datagram on the shared media port carries, told from its first bytes (RFC 7983 §7,
/// with RFC 5761 §4 to tell RTCP from RTP).
public enum DatagramKind: Hashable, Sendable {
    /// First byte 0...3: a STUN message.
    case stun
    /// First byte 20...63: a DTLS record.
    case dtls
    /// First byte 128...191 and second byte outside 192...223: (S)RTP.
    case rtp
    /// First byte 128...191 and second byte 192...223 (packet types 192...223): (S)RTCP.
    case rtcp
    /// Anything else: ZRTP (16...19), TURN channel data (64...79), an empty datagram, or noise.
    case unknown

    /// Classifies a datagram by its first byte and, for RTP/RTCP, its second.
    public init(classifying bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else {
            self = .unknown
            return
        }
        switch first {
        case 0...3: self = .stun
        case 20...63: self = .dtls
        case 128...191 where bytes.count >= 2: self = (192...223).contains(bytes[1]) ? .rtcp : .rtp
        default: self = .unknown
        }
    }

    /// Classifies a datagram; see `init(classifying:)`.
    public init(classifying bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { DatagramKind(classifying: $0) }
    }
}
