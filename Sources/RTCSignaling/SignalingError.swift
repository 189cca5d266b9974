/// Every failure of the signaling layer (messages, UserSig, request signing), with its context.
public enum SignalingError: Error, Equatable, Sendable {
    /// A message or token that could not be decoded.
    case malformed(what: String, reason: String)
}
