extension STUNMessage {
    /// The first USERNAME, if any.
    public var username: String? {
        attributes.lazy.compactMap { if case .username(let name) = $0 { name } else { nil } }.first
    }

    /// The first PRIORITY, if any.
    public var priority: UInt32? {
        attributes.lazy.compactMap { if case .priority(let value) = $0 { value } else { nil } }.first
    }

    /// Whether USE-CANDIDATE is present (the controlling agent nominates the pair).
    public var useCandidate: Bool {
        attributes.contains(.useCandidate)
    }

    /// The sender's role from the first ICE-CONTROLLING or ICE-CONTROLLED, if any.
    public var iceRole: ICERole? {
        attributes.lazy.compactMap {
            switch $0 {
            case .iceControlling(let tieBreaker): .controlling(tieBreaker: tieBreaker)
            case .iceControlled(let tieBreaker): .controlled(tieBreaker: tieBreaker)
            default: nil
            }
        }.first
    }

    /// The first XOR-MAPPED-ADDRESS, if any.
    public var xorMappedAddress: TransportAddress? {
        attributes.lazy.compactMap { if case .xorMappedAddress(let address) = $0 { address } else { nil } }.first
    }

    /// The first MAPPED-ADDRESS, if any.
    public var mappedAddress: TransportAddress? {
        attributes.lazy.compactMap { if case .mappedAddress(let address) = $0 { address } else { nil } }.first
    }

    /// The first ERROR-CODE, if any.
    public var errorCode: STUNErrorCode? {
        attributes.lazy.compactMap { if case .errorCode(let error) = $0 { error } else { nil } }.first
    }

    /// The first SOFTWARE, if any.
    public var software: String? {
        attributes.lazy.compactMap { if case .software(let text) = $0 { text } else { nil } }.first
    }

    /// Whether MESSAGE-INTEGRITY is present (check it with `verifyIntegrity(key:)`).
    public var hasMessageIntegrity: Bool {
        attributes.contains { $0.type == .messageIntegrity }
    }

    /// Whether FINGERPRINT is present (check it with `verifyFingerprint()`).
    public var hasFingerprint: Bool {
        attributes.contains { $0.type == .fingerprint }
    }

    /// Comprehension-required attribute types this implementation does not decode; a server
    /// answers a request carrying any with 420 (RFC 8489 §7.3.1).
    public var unknownComprehensionRequiredTypes: [STUNAttributeType] {
        attributes.compactMap {
            if case .other(let type, _) = $0, type.isComprehensionRequired { type } else { nil }
        }
    }
}
