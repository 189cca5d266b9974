import Glibc
import Synchronization

/// Sends probes from many streams on one thread at a steady rate per stream, each stream offset
/// within the period so that sends spread evenly (20 ms voice frames: 50 per second), and counts
/// what each stream sent inside the window.
final class ProbePacer: @unchecked Sendable {  // `sentInWindow` and `errors` are written only by the sending thread and read after `stop()` joined it.
    private let streams: [ProbeStream]
    private let packetsPerSecond: Double
    private let window: ProbeWindow
    private let running = Atomic<Bool>(true)
    private var thread: BenchThread?
    /// Per stream: probes stamped inside the window.
    private(set) var sentInWindow: [Int]
    /// Sends the socket refused.
    private(set) var errors = 0

    /// A pacer for `streams`, each sending `packetsPerSecond`.
    init(streams: [ProbeStream], packetsPerSecond: Double, window: ProbeWindow) {
        self.streams = streams
        self.packetsPerSecond = packetsPerSecond
        self.window = window
        sentInWindow = Array(repeating: 0, count: streams.count)
    }

    /// Starts sending.
    func start() {
        thread = BenchThread(name: "bench-send") { [self] in run() }
    }

    /// Stops sending and waits for the thread.
    func stop() {
        running.store(false, ordering: .sequentiallyConsistent)
        thread?.join()
        thread = nil
    }

    /// Probes stamped inside the window, every stream together.
    var totalInWindow: Int { sentInWindow.reduce(0, +) }

    private func run() {
        let start = ProcessUsage.now()
        let period = 1e9 / packetsPerSecond
        let offsets = streams.indices.map { Double($0) * period / Double(streams.count) }
        var sent = Array(repeating: 0, count: streams.count)
        while running.load(ordering: .relaxed) {
            let elapsed = Double(ProcessUsage.now() - start)
            for index in streams.indices {
                let due = elapsed >= offsets[index] ? Int((elapsed - offsets[index]) / period) + 1 : 0
                while sent[index] < due {
                    sent[index] += 1
                    do {
                        if window.contains(try streams[index].send()) { sentInWindow[index] += 1 }
                    } catch {
                        errors += 1
                    }
                }
            }
            usleep(200)
        }
    }
}
