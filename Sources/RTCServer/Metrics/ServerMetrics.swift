import Metrics
import Prometheus

/// The server's counters and gauges, kept in one Prometheus registry per server instance
/// (so that several servers in one process, as in tests, do not share numbers).
final class ServerMetrics: Sendable {
    /// The registry `/metrics` renders.
    let registry = PrometheusCollectorRegistry()
    private let badInputs: [BadInput: Counter]
    /// Joins accepted.
    let joins: Counter
    /// Members that left, by reason (0 exit, 1 timeout, 2 kicked, 3 became audience).
    private let leaves: [Int: Counter]
    /// RTP packets received from publishers and authenticated.
    let receivedPackets: Counter
    /// RTP packets sent to subscribers.
    let forwardedPackets: Counter
    /// Rooms alive now.
    let rooms: Gauge
    /// Members in rooms now.
    let participants: Gauge

    init() {
        let factory = PrometheusMetricsFactory(registry: registry)
        var bad: [BadInput: Counter] = [:]
        for kind in BadInput.allCases {
            bad[kind] = Counter(label: "rtc_bad_input_total", dimensions: [("kind", kind.rawValue)], factory: factory)
        }
        badInputs = bad
        joins = Counter(label: "rtc_joins_total", factory: factory)
        var leaveCounters: [Int: Counter] = [:]
        for reason in 0...3 {
            leaveCounters[reason] = Counter(label: "rtc_leaves_total", dimensions: [("reason", String(reason))], factory: factory)
        }
        leaves = leaveCounters
        receivedPackets = Counter(label: "rtc_rtp_received_total", factory: factory)
        forwardedPackets = Counter(label: "rtc_rtp_forwarded_total", factory: factory)
        rooms = Gauge(label: "rtc_rooms", factory: factory)
        participants = Gauge(label: "rtc_participants", factory: factory)
    }

    /// Counts one piece of refused input.
    func count(_ kind: BadInput) {
        badInputs[kind]?.increment()
    }

    /// Counts one member leaving for the given reason.
    func countLeave(reason: Int) {
        leaves[reason]?.increment()
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> String {
        registry.emitToString()
    }
}
