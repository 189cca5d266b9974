import Foundation
import Logging
import NIOPosix
import RTCTransport

/// SFU forwarding (targets.md, room server): an embedded `RoomServer` on 127.0.0.1 forwards one
/// publisher's SRTP to N subscribers, every leg a real ICE + DTLS-SRTP association of a
/// `LightParticipant`. Four phases per N:
/// 1. a direct loopback baseline: the same probes, protected and sent straight to one socket, no server;
/// 2. 20 ms pacing (a voice stream): one-way latency to every subscriber, and loss;
/// 3. a flood that doubles the offered rate each step until forwarding stops growing or the event loop
///    is busy all the time: forwarded packets per second of the event loops' CPU time at the highest step;
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
    /// The most flood steps.
    static let maximumSteps = 9

    static let section = "SFU forwarding"

    /// One flood step's figures.
    struct Step: Codable, Sendable {
        /// Forwarded packets per second offered (publisher rate × subscribers).
        let offered: Double
        /// Forwarded packets per second, from the server's own counter.
        let forwarded: Double
        /// Cores of event-loop CPU time per second.
        let busyCores: Double
        /// The share of offered copies the subscribers received (their reading competes for the same cores).
        let received: Double
        /// Datagrams the server's media socket dropped (receive buffer full) during the step.
        let serverDrops: Int
        /// Forwarded packets per second of event-loop CPU time.
        var perBusyCore: Double { busyCores > 0 ? forwarded / busyCores : 0 }
    }

    /// The figures of one subscriber count.
    struct Result: Codable, Sendable {
        let subscribers: Int
        let baseline: LatencySummary
        let paced: LatencySummary
        let pacedLoss: Loss
        let pacedBusyCores: Double
        let pacedServerDrops: Int
        let pacedSubscriberDrops: Int
        let steps: [Step]
        let halfLoad: LatencySummary
        let halfLoadLoss: Loss
        let halfLoadBusyCores: Double
        let halfLoadServerDrops: Int
        let halfLoadSubscriberDrops: Int
        let profile: String
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
        let cpu = try await EventLoopCPUClock.singletonGroup()
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
        let sockets = subscribers.map(\.socket)
        let inbound = subscribers.map(\.inbound)

        progress("SFU 1 → \(count): direct loopback baseline")
        let baseline = try await directBaseline(profile: publisher.outbound.profile)

        progress("SFU 1 → \(count): 20 ms pacing for \(phaseDuration)")
        let paced = try await measure(
            stream: stream, packetsPerSecond: 50, sockets: sockets, inbound: inbound, server: server, cpu: cpu)

        var steps: [Step] = []
        var rate = Self.firstStepRate
        for _ in 0..<Self.maximumSteps {
            let step = try await flood(stream: stream, offered: rate, sockets: sockets, inbound: inbound, server: server, cpu: cpu)
            steps.append(step)
            progress(String(
                format: "SFU 1 → %d: offered %.0f/s, forwarded %.0f/s, event loops busy %.2f cores, %.0f per busy core, %.1f %% received, %d dropped at the server's socket",
                count, step.offered, step.forwarded, step.busyCores, step.perBusyCore, 100 * step.received, step.serverDrops))
            // Saturated: the event loop is busy all the time, or offering more brought no more forwarding.
            if step.busyCores >= 0.95 || step.forwarded < 1.05 * (steps.dropLast().last?.forwarded ?? 0) { break }
            rate *= 2
        }
        // Half of the most the server forwarded on this machine as it was during the run (other processes
        // share the cores): its capacity here, in wall-clock terms.
        let mostForwarded = steps.map(\.forwarded).max() ?? 0
        let halfRate = max(50, 0.5 * mostForwarded / Double(count))
        progress(String(format: "SFU 1 → %d: 50 %% load, %.0f packets/s in, for %@", count, halfRate, "\(phaseDuration)"))
        let half = try await measure(
            stream: stream, packetsPerSecond: halfRate, sockets: sockets, inbound: inbound, server: server, cpu: cpu)

        await withTaskGroup(of: Void.self) { tasks in
            for participant in everyone { tasks.addTask { await participant.leave() } }
        }
        await server.shutdown()
        try await group.shutdownGracefully()
        return Result(
            subscribers: count, baseline: baseline, paced: paced.latency, pacedLoss: paced.loss, pacedBusyCores: paced.busyCores,
            pacedServerDrops: paced.serverDrops, pacedSubscriberDrops: paced.subscriberDrops, steps: steps,
            halfLoad: half.latency, halfLoadLoss: half.loss, halfLoadBusyCores: half.busyCores,
            halfLoadServerDrops: half.serverDrops, halfLoadSubscriberDrops: half.subscriberDrops,
            profile: publisher.outbound.profile.dtlsName)
    }

    /// Probes lost between what the publisher stamped inside the window and what the subscribers received.
    struct Loss: Codable, Sendable {
        /// Copies expected: probes sent × receivers.
        let expected: Int
        /// Copies that arrived, authenticated and were stamped inside the window.
        let received: Int
        /// 1 − received / expected, in percent.
        var percent: Double { expected > 0 ? 100 * Double(expected - received) / Double(expected) : 0 }
    }

    private struct Phase {
        let latency: LatencySummary
        let loss: Loss
        let busyCores: Double
        let serverDrops: Int
        let subscriberDrops: Int
    }

    /// Sends probes at `packetsPerSecond` for the phase duration; every subscriber decrypts and times each copy.
    private func measure(
        stream: ProbeStream, packetsPerSecond: Double, sockets: [UDPSocket], inbound: [SRTPContext], server: EmbeddedServer,
        cpu: EventLoopCPUClock
    ) async throws -> Phase {
        let window = ProbeWindow()
        let receiver = try ProbeReceiver(sockets: sockets, inbound: inbound, window: window)
        receiver.start()
        let pacer = ProbePacer(streams: [stream], packetsPerSecond: packetsPerSecond, window: window)
        pacer.start()
        try await Task.sleep(for: .milliseconds(200))
        let serverPort: Set = [UInt16(server.addresses.mediaPort)]
        let subscriberPorts = Set(sockets.map(\.localAddress.port))
        let (cpuStart, wallStart, dropsStart) = (cpu.nanoseconds(), ProcessUsage.now(), UDPDrops.count(ports: serverPort))
        let subscriberDropsStart = UDPDrops.count(ports: subscriberPorts)
        window.open()
        try await Task.sleep(for: phaseDuration)
        window.close()
        let (cpuEnd, wallEnd) = (cpu.nanoseconds(), ProcessUsage.now())
        pacer.stop()
        try await Task.sleep(for: .milliseconds(300))
        receiver.stop()
        return Phase(
            latency: LatencySummary(receiver.latencies),
            loss: Loss(expected: pacer.totalInWindow * sockets.count, received: receiver.inWindow),
            busyCores: Double(cpuEnd - cpuStart) / Double(wallEnd - wallStart),
            serverDrops: UDPDrops.count(ports: serverPort) - dropsStart,
            subscriberDrops: UDPDrops.count(ports: subscriberPorts) - subscriberDropsStart)
    }

    /// One flood step: the publisher offers `offered / subscribers` packets per second; subscribers count
    /// what arrives; the server's forwarded counter and event-loop CPU time give the step's figures.
    private func flood(
        stream: ProbeStream, offered: Double, sockets: [UDPSocket], inbound: [SRTPContext], server: EmbeddedServer,
        cpu: EventLoopCPUClock
    ) async throws -> Step {
        let window = ProbeWindow()
        let receiver = try ProbeReceiver(sockets: sockets, inbound: inbound, window: window, recordsLatency: false)
        receiver.start()
        let pacer = ProbePacer(streams: [stream], packetsPerSecond: offered / Double(sockets.count), window: window)
        pacer.start()
        try await Task.sleep(for: .milliseconds(100))
        let serverPort: Set = [UInt16(server.addresses.mediaPort)]
        let forwardedStart = server.metric("rtc_rtp_forwarded_total")
        let (cpuStart, wallStart, dropsStart) = (cpu.nanoseconds(), ProcessUsage.now(), UDPDrops.count(ports: serverPort))
        window.open()
        try await Task.sleep(for: stepDuration)
        window.close()
        let forwardedEnd = server.metric("rtc_rtp_forwarded_total")
        let (cpuEnd, wallEnd, dropsEnd) = (cpu.nanoseconds(), ProcessUsage.now(), UDPDrops.count(ports: serverPort))
        pacer.stop()
        try await Task.sleep(for: .milliseconds(300))
        receiver.stop()
        let seconds = Double(wallEnd - wallStart) / 1e9
        let expected = pacer.totalInWindow * sockets.count
        let received = expected > 0 ? Double(receiver.inWindow) / Double(expected) : 0
        let busyCores = Double(cpuEnd - cpuStart) / Double(wallEnd - wallStart)
        return Step(
            offered: Double(expected) / seconds, forwarded: (forwardedEnd - forwardedStart) / seconds, busyCores: busyCores,
            received: received, serverDrops: dropsEnd - dropsStart)
    }

    /// The same probes over loopback with no server: protected, sent to one socket, decrypted there.
    private func directBaseline(profile: SRTPProfile) async throws -> LatencySummary {
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
        let pacer = ProbePacer(streams: [stream], packetsPerSecond: 50, window: window)
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
        let highest = result.steps.max { $0.forwarded < $1.forwarded }
        let capacity = highest?.perBusyCore ?? 0
        let addedHalf = (result.halfLoad.p50 - result.baseline.p50, result.halfLoad.p99 - result.baseline.p99)
        let addedPaced = (result.paced.p50 - result.baseline.p50, result.paced.p99 - result.baseline.p99)
        func added(_ pair: (Double, Double)) -> String {
            LatencySummary.milliseconds(pair.0) + " / " + LatencySummary.milliseconds(pair.1) + " ms"
        }
        func loss(_ loss: Loss, _ serverDrops: Int, _ subscriberDrops: Int) -> String {
            String(format: "%.3f %% of %d (%d / %d)", loss.percent, loss.expected, serverDrops, subscriberDrops)
        }
        let halfRate = 0.5 * (highest?.forwarded ?? 0)
        var rows = [
            SystemRow(section, "1 → \(n): forwarded packets/s per busy core (flood, \(result.profile))",
                value: String(format: "%.0f k/core", capacity / 1000), target: "≥ 150 k/core", met: capacity >= 150_000),
        ]
        if let highest {
            rows.append(SystemRow(section, "  highest step: forwarded of offered; event loops busy",
                value: String(format: "%.0f of %.0f k/s; %.2f cores", highest.forwarded / 1000, highest.offered / 1000, highest.busyCores)))
        }
        rows += [
            SystemRow(section, "1 → \(n), 20 ms pacing: send → arrival p50 / p99", value: result.paced.milliseconds),
            SystemRow(section, "  direct loopback, no server", value: result.baseline.milliseconds),
            SystemRow(section, "  added by the SFU", value: added(addedPaced)),
            SystemRow(section, "  loss (dropped in: at the server / subscribers); loops busy",
                value: loss(result.pacedLoss, result.pacedServerDrops, result.pacedSubscriberDrops)
                    + String(format: "; %.3f cores", result.pacedBusyCores)),
            SystemRow(section, String(format: "1 → %d at 50 %% load (%.0f k/s, loops busy %.2f cores): added p50 / p99",
                n, halfRate / 1000, result.halfLoadBusyCores),
                value: added(addedHalf), target: "≤ 0.2 / ≤ 2 ms", met: addedHalf.0 <= 0.2e6 && addedHalf.1 <= 2e6),
            SystemRow(section, "  send → arrival p50 / p99", value: result.halfLoad.milliseconds),
            SystemRow(section, "  loss (dropped in: at the server / subscribers)",
                value: loss(result.halfLoadLoss, result.halfLoadServerDrops, result.halfLoadSubscriberDrops)),
        ]
        return rows
    }
}
