import Foundation
import Logging
import NIOPosix
import RTCTransport

/// SFU forwarding (targets.md, room server): an embedded `RoomServer` on 127.0.0.1 forwards one
/// publisher's SRTP to N subscribers, every leg a real ICE + DTLS-SRTP association of a
/// `LightParticipant`. Four phases per N:
/// 1. a direct loopback baseline: the same probes, protected and sent straight to one socket, no server
///    (also run at the rate of phase 4, since a sender that sends often runs with warm caches);
/// 2. 20 ms pacing (a voice stream): one-way latency to every subscriber, and loss;
/// 3. a ramp that doubles the offered rate each step until the server falls behind, then a flood at twice
///    that rate (its input always backlogged): forwarded packets per second of the event loops' CPU time;
/// 4. half of the most it forwarded in step 3: latency at 50 % load.
struct SFUBenchmark {
    /// Subscriber counts to run, e.g. [10, 50].
    let subscriberCounts: [Int]
    /// Length of the baseline, paced and half-load phases.
    let phaseDuration: Duration
    /// Length of each flood step.
    let stepDuration: Duration
    /// Where progress lines go.
    let progress: @Sendable (String) -> Void

    /// The first flood step's offered forwarding rate (packets out per second); each step doubles it.
    static let firstStepRate = 10_000.0
    /// The most ramp steps.
    static let maximumSteps = 9
    /// Flood steps, at twice the rate the ramp ended at.
    static let floodSteps = 3

    static let section = "SFU forwarding"

    /// The figures of one subscriber count.
    struct Result: Codable, Sendable {
        let subscribers: Int
        /// The SRTP profile the legs negotiated.
        let profile: String
        /// Send → arrival on a direct loopback path, no server, at 20 ms pacing.
        let baseline: LatencySummary
        /// The same at the half-load phase's packet rate (a sender that sends often runs with warm caches).
        let halfLoadBaseline: LatencySummary
        /// 20 ms pacing.
        let paced: SFUPhase
        /// The ramp: the offered rate doubled each step until the server fell behind.
        let steps: [SFUPhase]
        /// The flood: steps at twice the rate the server fell behind at, its input always backlogged.
        let flood: [SFUPhase]
        /// Half of the most the server forwarded in a step.
        let halfLoad: SFUPhase

        /// The step that forwarded the most per second of wall-clock time.
        var highest: SFUPhase? { (steps + flood).max { $0.forwarded < $1.forwarded } }
        /// Forwarded copies per second of event-loop CPU time: the median over the flood steps.
        var perBusyCore: Double {
            let sorted = flood.map(\.perBusyCore).sorted()
            return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        }
    }

    /// Runs every subscriber count; returns the table rows and the raw results.
    func run() async throws -> (rows: [SystemRow], results: [Result]) {
        var rows: [SystemRow] = []
        var results: [Result] = []
        for count in subscriberCounts {
            let result = try await run(subscribers: count)
            results.append(result)
            rows += Self.rows(for: result)
        }
        return (rows, results)
    }

    private func run(subscribers count: Int) async throws -> Result {
        let server = try await EmbeddedServer.start()
        let loops = try await EventLoopThreads.singletonGroup()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var logger = Logger(label: "rtc-bench.sfu")
        logger.logLevel = .error
        let identity = try ClientIdentity.generate()
        let roomId = UInt32(2000 + count)
        progress("SFU 1 → \(count): joining \(count + 1) participants over DTLS-SRTP")
        let publisher = try await LightParticipant.enter(
            userId: "publisher", roomId: roomId, target: server.target, identity: identity, group: group, publish: true, logger: logger)
        var subscribers: [LightParticipant] = []
        for index in 0..<count {
            subscribers.append(try await LightParticipant.enter(
                userId: "subscriber-\(index)", roomId: roomId, target: server.target, identity: identity, group: group,
                publish: false, logger: logger))
        }
        let everyone = [publisher] + subscribers
        let keepAlive = Task {
            while !Task.isCancelled {
                for participant in everyone { participant.ping() }
                try? await Task.sleep(for: publisher.heartbeat)
            }
        }
        defer { keepAlive.cancel() }
        let stream = publisher.makeStream()

        progress("SFU 1 → \(count): direct loopback baseline, 20 ms pacing")
        let baseline = try await directBaseline(profile: publisher.outbound.profile, packetsPerSecond: 50)
        let measure = { (rate: Double, latency: Bool, duration: Duration) in
            try await self.phase(
                stream: stream, packetsPerSecond: rate, subscribers: subscribers, recordsLatency: latency, duration: duration,
                server: server, loops: loops)
        }
        progress("SFU 1 → \(count): 20 ms pacing for \(phaseDuration)")
        let paced = try await measure(50, true, phaseDuration)
        var steps: [SFUPhase] = []
        var rate = Self.firstStepRate
        while steps.count < Self.maximumSteps {
            let step = try await measure(rate / Double(count), false, stepDuration)
            steps.append(step)
            report(step, "ramp", count)
            if step.forwarded < 0.9 * step.offered || step.busyCores >= 0.95 { break }
            rate *= 2
        }
        var flood: [SFUPhase] = []
        for _ in 0..<Self.floodSteps {
            let step = try await measure(2 * rate / Double(count), false, stepDuration)
            flood.append(step)
            report(step, "flood", count)
        }
        // Half of the most the server forwarded on this machine as it was during the run (other processes
        // share the cores): its capacity here, in wall-clock terms.
        let halfRate = max(50, 0.5 * ((steps + flood).map(\.forwarded).max() ?? 0) / Double(count))
        progress(String(format: "SFU 1 → %d: 50 %% load, %.0f packets/s in, for %@", count, halfRate, "\(phaseDuration)"))
        let half = try await measure(halfRate, true, phaseDuration)
        progress(String(format: "SFU 1 → %d: direct loopback baseline, %.0f packets/s", count, halfRate))
        let halfBaseline = try await directBaseline(profile: publisher.outbound.profile, packetsPerSecond: halfRate)

        await withTaskGroup(of: Void.self) { tasks in
            for participant in everyone { tasks.addTask { await participant.leave() } }
        }
        await server.shutdown()
        try await group.shutdownGracefully()
        return Result(
            subscribers: count, profile: publisher.outbound.profile.dtlsName, baseline: baseline, halfLoadBaseline: halfBaseline,
            paced: paced, steps: steps, flood: flood, halfLoad: half)
    }

    /// One progress line for a ramp or flood step.
    private func report(_ step: SFUPhase, _ kind: String, _ count: Int) {
        progress(String(
            format: "SFU 1 → %d %@: offered %.0f/s, forwarded %.0f/s, loops busy %.2f cores (waited %.0f ms/s), %.0f per busy core, %.1f %% received, %d dropped in at the server",
            count, kind, step.offered, step.forwarded, step.busyCores, step.waitedPerSecond, step.perBusyCore,
            100 - step.lossPercent, step.serverDrops))
    }

    /// Sends probes at `packetsPerSecond` for `duration`; every subscriber decrypts each copy and, with
    /// `recordsLatency`, times it.
    private func phase(
        stream: ProbeStream, packetsPerSecond: Double, subscribers: [LightParticipant], recordsLatency: Bool,
        duration: Duration, server: EmbeddedServer, loops: EventLoopThreads
    ) async throws -> SFUPhase {
        let window = ProbeWindow()
        let receiver = try ProbeReceiver(
            sockets: subscribers.map(\.socket), inbound: subscribers.map(\.inbound), window: window, recordsLatency: recordsLatency)
        receiver.start()
        let pacer = ProbePacer(streams: [stream], packetsPerSecond: packetsPerSecond, window: window)
        pacer.start()
        try await Task.sleep(for: .milliseconds(200))
        let ports = Set(subscribers.map(\.socket.localAddress.port))
        let start = ServerReading(server: server, loops: loops, subscriberPorts: ports)
        window.open()
        try await Task.sleep(for: duration)
        window.close()
        let end = ServerReading(server: server, loops: loops, subscriberPorts: ports)
        pacer.stop()
        try await Task.sleep(for: .milliseconds(300))
        receiver.stop()
        let seconds = Double(end.wall - start.wall) / 1e9
        let expected = pacer.totalInWindow * subscribers.count
        return SFUPhase(
            offered: Double(expected) / seconds, forwarded: (end.forwarded - start.forwarded) / seconds,
            busyCores: Double(end.cpu - start.cpu) / 1e9 / seconds, waitedPerSecond: Double(end.waited - start.waited) / 1e6 / seconds,
            expected: expected, received: receiver.inWindow, serverDrops: end.serverDrops - start.serverDrops,
            subscriberDrops: end.subscriberDrops - start.subscriberDrops, latency: LatencySummary(receiver.latencies))
    }

    /// The same probes at the same rate over loopback with no server: protected, sent to one socket, decrypted there.
    private func directBaseline(profile: SRTPProfile, packetsPerSecond: Double) async throws -> LatencySummary {
        let key = SRTPKeyMaterial(
            masterKey: (0..<profile.masterKeyLength).map { _ in UInt8.random(in: 0...255) },
            masterSalt: (0..<profile.masterSaltLength).map { _ in UInt8.random(in: 0...255) })
        let sender = try UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: 0))
        let receiving = try UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: 0))
        let stream = ProbeStream(
            ssrc: 0x0BA5_E11E, context: try SRTPContext(profile: profile, direction: .outbound, keyMaterial: key),
            socket: sender, destination: receiving.localAddress)
        let window = ProbeWindow()
        let receiver = try ProbeReceiver(
            sockets: [receiving], inbound: [try SRTPContext(profile: profile, direction: .inbound, keyMaterial: key)], window: window)
        receiver.start()
        let pacer = ProbePacer(streams: [stream], packetsPerSecond: packetsPerSecond, window: window)
        pacer.start()
        window.open()
        try await Task.sleep(for: phaseDuration)
        window.close()
        pacer.stop()
        try await Task.sleep(for: .milliseconds(100))
        receiver.stop()
        return LatencySummary(receiver.latencies)
    }

    /// The table rows of one subscriber count.
    static func rows(for result: Result) -> [SystemRow] {
        let n = result.subscribers
        let highest = result.highest
        let capacity = result.perBusyCore
        func added(_ phase: SFUPhase, _ baseline: LatencySummary) -> (p50: Double, p99: Double) {
            (phase.latency.p50 - baseline.p50, phase.latency.p99 - baseline.p99)
        }
        func milliseconds(_ pair: (p50: Double, p99: Double)) -> String {
            LatencySummary.milliseconds(pair.p50) + " / " + LatencySummary.milliseconds(pair.p99) + " ms"
        }
        func conditions(_ phase: SFUPhase) -> String {
            String(format: "%.3f %% of %d (%d / %d); %.2f cores, %.0f ms/s", phase.lossPercent, phase.expected,
                phase.serverDrops, phase.subscriberDrops, phase.busyCores, phase.waitedPerSecond)
        }
        let half = added(result.halfLoad, result.halfLoadBaseline)
        var rows = [
            SystemRow(section, String(format: "1 → %d: forwarded packets/s per busy core (flood of %.0f k/s, %@)", n,
                (result.flood.first?.offered ?? 0) / 1000, result.profile),
                value: String(format: "%.0f k/core", capacity / 1000), target: "≥ 150 k/core", met: capacity >= 150_000),
        ]
        if let highest {
            rows.append(SystemRow(section, "  most forwarded: of offered; loops busy, waited for a CPU",
                value: String(format: "%.0f of %.0f k/s; %.2f cores, %.0f ms/s", highest.forwarded / 1000, highest.offered / 1000,
                    highest.busyCores, highest.waitedPerSecond)))
        }
        rows += [
            SystemRow(section, "1 → \(n), 20 ms pacing: send → arrival p50 / p99", value: result.paced.latency.milliseconds),
            SystemRow(section, "  direct loopback, no server", value: result.baseline.milliseconds),
            SystemRow(section, "  added by the SFU", value: milliseconds(added(result.paced, result.baseline))),
            SystemRow(section, "  loss (dropped in: server / subscribers); loops busy, waited", value: conditions(result.paced)),
            SystemRow(section, String(format: "1 → %d at 50 %% load (%.0f k/s): added p50 / p99", n, result.halfLoad.forwarded / 1000),
                value: milliseconds(half), target: "≤ 0.2 / ≤ 2 ms", met: half.p50 <= 0.2e6 && half.p99 <= 2e6),
            SystemRow(section, "  send → arrival p50 / p99", value: result.halfLoad.latency.milliseconds),
            SystemRow(section, "  direct loopback at the same packet rate, no server", value: result.halfLoadBaseline.milliseconds),
            SystemRow(section, "  loss (dropped in: server / subscribers); loops busy, waited", value: conditions(result.halfLoad)),
        ]
        return rows
    }
}
