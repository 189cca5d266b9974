/// One STUN attribute (RFC 8489 §14, RFC 8445 §16.1): the ones ICE needs, decoded; any other kept as bytes.
public enum STUNAttribute: Hashable, Sendable {
    /// MAPPED-ADDRESS: the reflexive address, unobfuscated (legacy servers).
    case mappedAddress(TransportAddress)
    /// XOR-MAPPED-ADDRESS: the reflexive address as the server saw it.
    case xorMappedAddress(TransportAddress)
    /// USERNAME: for ICE, `"remoteUfrag:localUfrag"` (RFC 8445 §7.2.2); UTF-8, under 513 bytes.
    case username(String)
    /// MESSAGE-INTEGRITY: the 20-byte HMAC-SHA1, as decoded. Ignored when encoding: the key computes it.
    case messageIntegrity([UInt8])
    /// FINGERPRINT: the CRC-32 XOR 0x5354554E, as decoded. Ignored when encoding: a flag adds it.
    case fingerprint(UInt32)
    /// ERROR-CODE: why a request failed.
    case errorCode(STUNErrorCode)
    /// PRIORITY: the priority a peer-reflexive candidate learnt from this check would get.
    case priority(UInt32)
    /// USE-CANDIDATE: the controlling agent nominates this pair.
    case useCandidate
    /// ICE-CONTROLLED with the sender's tie-breaker.
    case iceControlled(tieBreaker: UInt64)
    /// ICE-CONTROLLING with the sender's tie-breaker.
    case iceControlling(tieBreaker: UInt64)
    /// SOFTWARE: the agent's name and version (decoded leniently: invalid UTF-8 is repaired).
    case software(String)
    /// Any other attribute, kept with its value unpadded.
    case other(type: STUNAttributeType, value: [UInt8])

    /// The attribute's type number.
    public var type: STUNAttributeType {
        switch self {
        case .mappedAddress: .mappedAddress
        case .xorMappedAddress: .xorMappedAddress
        case .username: .username
        case .messageIntegrity: .messageIntegrity
        case .fingerprint: .fingerprint
        case .errorCode: .errorCode
        case .priority: .priority
        case .useCandidate: .useCandidate
        case .iceControlled: .iceControlled
        case .iceControlling: .iceControlling
        case .software: .software
        case .other(let type, _): type
        }
    }
}
