extension STUNMessage {
    /// An ICE connectivity check or consent request (RFC 8445 §7.1.1, RFC 7675): USERNAME
    /// `"remoteUfrag:localUfrag"`, PRIORITY, the sender's role, and USE-CANDIDATE when nominating.
    /// Encode it with the remote password as `integrityKey` and `fingerprint: true`.
    public static func bindingRequest(
        transactionID: STUNTransactionID, username: String, priority: UInt32, role: ICERole,
        useCandidate: Bool = false
    ) -> STUNMessage {
        var attributes: [STUNAttribute] = [.username(username), .priority(priority)]
        switch role {
        case .controlling(let tieBreaker): attributes.append(.iceControlling(tieBreaker: tieBreaker))
        case .controlled(let tieBreaker): attributes.append(.iceControlled(tieBreaker: tieBreaker))
        }
        if useCandidate { attributes.append(.useCandidate) }
        return STUNMessage(type: .bindingRequest, transactionID: transactionID, attributes: attributes)
    }

    /// The success response to a Binding request (RFC 8489 §7.3.1.1, RFC 8445 §7.3.1.4):
    /// XOR-MAPPED-ADDRESS carries the request's source address. Encode it with the local
    /// password as `integrityKey` and `fingerprint: true`.
    public static func bindingSuccessResponse(
        transactionID: STUNTransactionID, mappedAddress: TransportAddress
    ) -> STUNMessage {
        STUNMessage(
            type: .bindingSuccessResponse, transactionID: transactionID,
            attributes: [.xorMappedAddress(mappedAddress)])
    }

    /// The error response to a Binding request (RFC 8489 §6.3.1.1): ERROR-CODE, e.g.
    /// `.unauthorized` (send it without integrity) or `.roleConflict` (RFC 8445 §7.3.1.1).
    public static func bindingErrorResponse(transactionID: STUNTransactionID, error: STUNErrorCode) -> STUNMessage {
        STUNMessage(type: .bindingErrorResponse, transactionID: transactionID, attributes: [.errorCode(error)])
    }
}
