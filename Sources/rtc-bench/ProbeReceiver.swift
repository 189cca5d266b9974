import Glibc
import RTCTransport
import Synchronization

/// Reads many members' sockets on one thread and tallies the probes that reach them: which RTP
/// datagrams authenticate and carry a send time inside the window, and how long each took from
/// its sender's `send` to its arrival in the kernel. Every datagram is decrypted, even when only counts
/// are wanted: an SRTP receiver that skips packets loses track of the rollover counter (RFC 3711 §3.3.1)
/// once the sequence number has wrapped, and could not decrypt the next phase.
final class ProbeReceiver: @unchecked Sendable {  // `tallies` and `latencies` are written only by the receiving thread and read after `stop()` joined it.
    /// What reached one socket.
    struct Tally: Sendable {
        /// Probes that authenticated and were stamped inside the window.
        var inWindow = 0
        /// RTP datagrams that did not authenticate or were not probes.
        var failures = 0
    }

    private let sockets: [UDPSocket]
    private let inbound: [SRTPContext]
    private let recordsLatency: Bool
    private let window: ProbeWindow
    private let sweepInterval: Int64
    private let running = Atomic<Bool>(true)
    private var thread: BenchThread?
    /// Per socket, in the order given.
    private(set) var tallies: [Tally]
    /// Send → kernel arrival of each probe counted in `inWindow`, in nanoseconds.
    private(set) var latencies: [Int64] = []

    /// A receiver over `sockets`, decrypting with `inbound` (one context per socket); it keeps each probe's
    /// latency when `recordsLatency` is set. With a `sweepInterval` it polls at most that often.
    init(
        sockets: [UDPSocket], inbound: [SRTPContext], window: ProbeWindow, recordsLatency: Bool = true,
        sweepInterval: Duration = .zero
    ) throws {
        self.sockets = sockets
        self.inbound = inbound
        self.recordsLatency = recordsLatency
        self.window = window
        self.sweepInterval = sweepInterval / .nanoseconds(1) > 0 ? Int64(sweepInterval / .nanoseconds(1)) : 0
        tallies = Array(repeating: Tally(), count: sockets.count)
        for socket in sockets { try TimestampedSocket.enableTimestamps(on: socket) }
    }

    /// Starts reading.
    func start() {
        thread = BenchThread(name: "bench-receive") { [self] in run() }
    }

    /// Stops reading and waits for the thread; the tallies are final afterwards.
    func stop() {
        running.store(false, ordering: .sequentiallyConsistent)
        thread?.join()
        thread = nil
    }

    /// The probes counted on every socket.
    var inWindow: Int { tallies.reduce(0) { $0 + $1.inWindow } }
    /// The datagrams that failed to authenticate on every socket.
    var failures: Int { tallies.reduce(0) { $0 + $1.failures } }

    private func run() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 16)
        let control = UnsafeMutableRawBufferPointer.allocate(byteCount: TimestampedSocket.controlCapacity, alignment: 16)
        defer {
            buffer.deallocate()
            control.deallocate()
        }
        var descriptors = sockets.map { pollfd(fd: $0.fileDescriptor, events: Int16(POLLIN), revents: 0) }
        while running.load(ordering: .relaxed) {
            let sweepStart = ProcessUsage.now()
            guard poll(&descriptors, nfds_t(descriptors.count), 20) > 0 else { continue }
            for index in descriptors.indices where descriptors[index].revents != 0 {
                while let (length, arrival) = TimestampedSocket.receive(from: sockets[index], into: buffer, control: control) {
                    handle(index, buffer: buffer, length: length, arrival: arrival)
                }
            }
            if sweepInterval > 0 {
                let left = sweepInterval - (ProcessUsage.now() - sweepStart)
                if left > 0 { usleep(UInt32(left / 1000)) }
            }
        }
    }

    private func handle(_ index: Int, buffer: UnsafeMutableRawBufferPointer, length: Int, arrival: Int64) {
        guard DatagramKind(classifying: UnsafeRawBufferPointer(rebasing: buffer[0..<length])) == .rtp else { return }
        guard let plain = try? inbound[index].unprotectRTP(buffer, length: length),
            let sent = ProbePacket.sendTime(in: UnsafeRawBufferPointer(rebasing: buffer[0..<plain]))
        else {
            tallies[index].failures += 1
            return
        }
        guard window.contains(sent) else { return }
        tallies[index].inWindow += 1
        if recordsLatency, arrival > 0 { latencies.append(arrival - sent) }
    }
}
