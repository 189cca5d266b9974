/// The packet type field of an RTCP header (RFC 3550 §12.1, RFC 4585 §6.1).
public struct RTCPPacketType: RawRepresentable, Hashable, Sendable {
    /// The 8-bit packet type.
    public let rawValue: UInt8

    /// A type from its number.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// SR, 200 (RFC 3550 §6.4.1).
    public static let senderReport = RTCPPacketType(rawValue: 200)
    /// RR, 201 (RFC 3550 §6.4.2).
    public static let receiverReport = RTCPPacketType(rawValue: 201)
    /// SDES, 202 (RFC 3550 §6.5).
    public static let sourceDescription = RTCPPacketType(rawValue: 202)
    /// BYE, 203 (RFC 3550 §6.6).
    public static let goodbye = RTCPPacketType(rawValue: 203)
    /// APP, 204 (RFC 3550 §6.7).
    public static let applicationDefined = RTCPPacketType(rawValue: 204)
    /// RTPFB, 205: transport-layer feedback such as generic NACK (RFC 4585 §6.2).
    public static let transportLayerFeedback = RTCPPacketType(rawValue: 205)
    /// PSFB, 206: payload-specific feedback such as PLI (RFC 4585 §6.3).
    public static let payloadSpecificFeedback = RTCPPacketType(rawValue: 206)
}
