import CoreMetrics
import Metrics
import NIOConcurrencyHelpers
import Prometheus

/// The server's counters and gauges, kept in one Prometheus registry per server instance
/// (so that several servers in one process, as in tests, do not share numbers), shared by the
/// server's media threads.
final class ServerMetrics: Sendable {
    /// The registry `/metrics` renders.
    let registry = PrometheusCollectorRegistry()
    private let badInputs: [BadInput: CoreMetrics.Counter]
    /// Joins accepted.
    let joins: CoreMetrics.Counter
    /// Members that left, by reason (0 exit, 1 timeout, 2 kicked, 3 became audience).
    private let leaves: [Int: CoreMetrics.Counter]
    /// RTP packets received from publishers and authenticated.
    let receivedPackets: CoreMetrics.Counter
    /// RTP packets sent to subscribers.
    let forwardedPackets: CoreMetrics.Counter
    /// Times the media port was bound again after NIO closed it on a send error.
    let mediaPortReopened: CoreMetrics.Counter
    /// Destinations paused because a send to them failed (SendFailureGuard).
    let mediaSendsPaused: CoreMetrics.Counter
    /// DTLS associations freed because the member's SRTP or SRTCP showed its handshake had finished.
    let dtlsReleased: CoreMetrics.Counter
    /// Loss that subscribers report for forwarded streams (RTCP RR fraction lost, 0…1), last value.
    let subscriberLoss: CoreMetrics.Gauge
    /// Round-trip time of subscribers' legs in seconds (RR LSR/DLSR), last value.
    let subscriberRoundTrip: CoreMetrics.Gauge
    /// Rooms alive now, every media thread together.
    private let rooms: CoreMetrics.Gauge
    /// Members in rooms now, every media thread together.
    private let participants: CoreMetrics.Gauge
    /// Rooms and members of each media thread, by thread index, summed into the two gauges.
    private let counts = NIOLockedValueBox<[Int: (rooms: Int, participants: Int)]>([:])

    init() {
        let factory = PrometheusMetricsFactory(registry: registry)
        var bad: [BadInput: CoreMetrics.Counter] = [:]
        for kind in BadInput.allCases {
            bad[kind] = CoreMetrics.Counter(label: "rtc_bad_input_total", dimensions: [("kind", kind.rawValue)], factory: factory)
        }
        badInputs = bad
        joins = CoreMetrics.Counter(label: "rtc_joins_total", factory: factory)
        var leaveCounters: [Int: CoreMetrics.Counter] = [:]
        for reason in 0...3 {
            leaveCounters[reason] = CoreMetrics.Counter(label: "rtc_leaves_total", dimensions: [("reason", String(reason))], factory: factory)
        }
        leaves = leaveCounters
        receivedPackets = CoreMetrics.Counter(label: "rtc_rtp_received_total", factory: factory)
        forwardedPackets = CoreMetrics.Counter(label: "rtc_rtp_forwarded_total", factory: factory)
        mediaPortReopened = CoreMetrics.Counter(label: "rtc_media_port_reopened_total", factory: factory)
        mediaSendsPaused = CoreMetrics.Counter(label: "rtc_media_sends_paused_total", factory: factory)
        dtlsReleased = CoreMetrics.Counter(label: "rtc_dtls_released_total", factory: factory)
        subscriberLoss = CoreMetrics.Gauge(label: "rtc_subscriber_fraction_lost", factory: factory)
        subscriberRoundTrip = CoreMetrics.Gauge(label: "rtc_subscriber_rtt_seconds", factory: factory)
        rooms = CoreMetrics.Gauge(label: "rtc_rooms", factory: factory)
        participants = CoreMetrics.Gauge(label: "rtc_participants", factory: factory)
    }

    /// Records how many rooms and members media thread `thread` holds now.
    func record(rooms: Int, participants: Int, thread: Int) {
        // Recorded under the lock, so that a stale sum never overwrites a newer one.
        counts.withLockedValue { counts in
            counts[thread] = (rooms, participants)
            let total = counts.values.reduce((rooms: 0, participants: 0)) { ($0.rooms + $1.rooms, $0.participants + $1.participants) }
            self.rooms.record(total.rooms)
            self.participants.record(total.participants)
        }
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
