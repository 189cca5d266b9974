import Testing

/// Network faults between real processes in real network namespaces (targets.md "Reliability
/// and security", issue 6 "Faults"): the server runs in its own namespace, the clients reach it
/// across veth pairs, and the link is shaped or cut under them. One test at a time: they shape
/// real links and time real timeouts.
@Suite("network faults in namespaces", .serialized, .enabled(if: FaultNetwork.available, "needs root, ip and tc or iptables"))
struct FaultTests {}

/// Seconds, with two decimals, for the figures the tests print.
func seconds(_ duration: Duration) -> String {
    let (whole, attoseconds) = duration.components
    return String(format: "%.2f s", Double(whole) + Double(attoseconds) / 1e18)
}
