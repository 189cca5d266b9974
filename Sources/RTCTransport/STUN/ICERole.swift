/// An ICE agent's role with its tie-breaker (RFC 8445 §6.1.1, §7.1.3), sent as
/// ICE-CONTROLLING or ICE-CONTROLLED in every connectivity check.
public enum ICERole: Hashable, Sendable {
    /// The agent that nominates candidate pairs (our client; the ICE-lite server never is).
    case controlling(tieBreaker: UInt64)
    /// The agent that follows the controlling agent's nominations.
    case controlled(tieBreaker: UInt64)
}
