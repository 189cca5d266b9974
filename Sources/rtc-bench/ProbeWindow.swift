import Synchronization

/// The span of send times a measurement counts: every probe stamped inside it is expected at every
/// receiver, so senders and receivers tally against the same instants.
final class ProbeWindow: Sendable {
    private let start = Atomic<Int64>(.max)
    private let end = Atomic<Int64>(.max)

    /// Starts counting probes stamped from now on.
    func open() {
        start.store(ProbePacket.now(), ordering: .sequentiallyConsistent)
    }

    /// Stops counting probes stamped after now.
    func close() {
        end.store(ProbePacket.now(), ordering: .sequentiallyConsistent)
    }

    /// Whether a probe stamped `sendTime` counts.
    func contains(_ sendTime: Int64) -> Bool {
        sendTime >= start.load(ordering: .relaxed) && sendTime <= end.load(ordering: .relaxed)
    }
}
