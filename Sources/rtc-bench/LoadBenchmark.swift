import Foundation

/// Concurrent participants (targets.md): one embedded `RoomServer`, and for each level a child process
/// (`LoadGenerator`) with that many light SRTP participants in rooms of five, each publishing 20 ms
/// Opus-sized probes and receiving the other four. The server's process CPU time and resident memory
/// are measured alone; the child reports loss and latency.
struct LoadBenchmark {
    /// Participant counts, in increasing order.
    let levels: [Int]
    /// Length of each level's measured window.
    let window: Duration
    /// The server's media threads (0: one per core).
    let mediaThreads: Int
    /// Where progress lines go.
    let progress: @Sendable (String) -> Void

    static let section = "Concurrent participants"
    /// The loss a level may have and still count as sustained.
    static let maximumLossPercent = 0.5

    /// One level's figures.
    struct Level: Codable, Sendable {
        let report: LoadGenerator.Report
        /// Cores of the server process's CPU time per second of the window.
        let serverCores: Double
        /// Resident memory added since before the first level, in bytes, with every member joined.
        let residentBytes: Int
        /// The 1-minute load average at the end of the window.
        let loadAverage: Double
        /// Datagrams the server's media socket dropped (receive buffer full) during the window.
        let serverDrops: Int
        /// Milliseconds per second the server process's threads spent runnable but waiting for a CPU.
        let serverWaitedPerSecond: Double
        /// RTP packets the server authenticated from publishers, and copies it forwarded, during the window.
        let serverReceived: Int
        let serverForwarded: Int

        /// 1 − received / expected, in percent.
        var lossPercent: Double {
            report.expected > 0 ? 100 * Double(report.expected - report.received) / Double(report.expected) : 100
        }
        /// Whether every participant joined and loss stayed under the limit.
        var sustained: Bool { report.joined == report.participants && lossPercent < LoadBenchmark.maximumLossPercent }
    }

    /// The engine row's figures.
    struct EngineLevel: Codable, Sendable {
        let report: EngineLoadGenerator.Report
        /// Cores of the server process's CPU time per second of the window.
        let serverCores: Double
    }

    /// Runs the engine row, then every level, against one server; returns the table rows and the figures.
    func run() async throws -> (rows: [SystemRow], engines: EngineLevel, levels: [Level]) {
        let server = try await EmbeddedServer.start(mediaThreads: mediaThreads)
        progress("load: the server has \(server.addresses.mediaPorts.count) media threads")
        try await Task.sleep(for: .milliseconds(500))
        let baselineResident = ProcessUsage.residentBytes()
        progress("load: \(LoadGenerator.roomSize) TRTCCloud engines in one room (child process)")
        let engines = try await runEngines(server: server, baselineResident: baselineResident)
        var results: [Level] = []
        for count in levels {
            progress("load: \(count) participants in \(count / LoadGenerator.roomSize) rooms of \(LoadGenerator.roomSize)")
            let level = try await run(participants: count, server: server, baselineResident: baselineResident)
            results.append(level)
            progress(String(
                format: "load: %d participants: loss %.3f %%, server %.2f cores, %.0f KiB each, generator %.2f cores, load average %.1f",
                count, level.lossPercent, level.serverCores, Double(level.residentBytes) / 1024 / Double(count),
                level.report.generatorCores, level.loadAverage))
        }
        await server.shutdown()
        return (Self.rows(for: results, engines: engines, mediaThreads: server.addresses.mediaPorts.count), engines, results)
    }

    private func run(participants count: Int, server: EmbeddedServer, baselineResident: Int) async throws -> Level {
        let observed = try await observe(
            ["--load-generator", server.addresses.signalingURL, "--participants", "\(count)"], server: server,
            baselineResident: baselineResident, what: "load generator (\(count) participants)")
        let report = try JSONDecoder().decode(LoadGenerator.Report.self, from: observed.report)
        return Level(
            report: report, serverCores: observed.serverCores, residentBytes: observed.residentBytes,
            loadAverage: observed.loadAverage, serverDrops: observed.serverDrops, serverWaitedPerSecond: observed.waitedPerSecond,
            serverReceived: observed.received, serverForwarded: observed.forwarded)
    }

    /// What the parent saw of one child run.
    private struct Observation {
        /// The child's `report` line, without the prefix.
        let report: Data
        /// Cores of the server process's CPU time per second of the window.
        let serverCores: Double
        /// Resident memory added since the baseline when the window opened, in bytes.
        let residentBytes: Int
        /// The 1-minute load average when the window closed.
        let loadAverage: Double
        /// Datagrams the server's media socket dropped during the window.
        let serverDrops: Int
        /// Milliseconds per second the server process's threads waited for a CPU.
        let waitedPerSecond: Double
        /// The server's received and forwarded RTP counters over the window.
        let received: Int
        let forwarded: Int
    }

    /// Runs a generator child with `arguments` and measures the server process across its window;
    /// afterwards waits until the server has no members left.
    private func observe(_ arguments: [String], server: EmbeddedServer, baselineResident: Int, what: String) async throws -> Observation {
        let window = Double(self.window.components.seconds) + Double(self.window.components.attoseconds) / 1e18
        let child = try ChildProcess(
            arguments: arguments + ["--window", "\(window)"], environment: [LoadGenerator.secretVariable: server.secretKey])
        let serverPort = Set(server.addresses.mediaPorts.map { UInt16($0) })
        var resident = 0, cpuStart: Int64 = 0, wallStart: Int64 = 0, cores = 0.0, loadAverage = 0.0, drops = 0
        var waitStart: Int64 = 0, waited = 0.0, received = 0.0, forwarded = 0.0
        var report: Data?
        for await line in child.lines {
            if line.hasPrefix("joined ") {
                progress("load: \(line.dropFirst(7).split(separator: " ").first ?? "?") joined")
            } else if line == "window-open" {
                resident = ProcessUsage.residentBytes() - baselineResident
                cpuStart = ProcessUsage.cpuNanoseconds()
                wallStart = ProcessUsage.now()
                drops = UDPDrops.count(ports: serverPort)
                waitStart = ProcessUsage.runQueueWait()
                received = server.metric("rtc_rtp_received_total")
                forwarded = server.metric("rtc_rtp_forwarded_total")
            } else if line == "window-closed" {
                received = server.metric("rtc_rtp_received_total") - received
                forwarded = server.metric("rtc_rtp_forwarded_total") - forwarded
                let wall = Double(ProcessUsage.now() - wallStart)
                cores = Double(ProcessUsage.cpuNanoseconds() - cpuStart) / wall
                waited = Double(ProcessUsage.runQueueWait() - waitStart) / wall * 1000
                drops = UDPDrops.count(ports: serverPort) - drops
                loadAverage = ProcessUsage.loadAverage()
            } else if line.hasPrefix("report ") {
                report = Data(line.dropFirst(7).utf8)
            }
        }
        let status = await child.waitForExit()
        guard let report else {
            throw BenchError.systemFailure(step: what, reason: "exited with status \(status) before reporting")
        }
        for _ in 0..<150 where server.metric("rtc_participants") > 0 {
            try await Task.sleep(for: .milliseconds(100))
        }
        return Observation(
            report: report, serverCores: cores, residentBytes: resident, loadAverage: loadAverage, serverDrops: drops,
            waitedPerSecond: waited, received: Int(received), forwarded: Int(forwarded))
    }

    /// Five `TRTCCloud` engines in one room, in a child process: what one real engine costs.
    private func runEngines(server: EmbeddedServer, baselineResident: Int) async throws -> EngineLevel {
        let observed = try await observe(
            ["--load-generator", server.addresses.signalingURL, "--engines", "\(LoadGenerator.roomSize)"], server: server,
            baselineResident: baselineResident, what: "engine generator")
        return EngineLevel(
            report: try JSONDecoder().decode(EngineLoadGenerator.Report.self, from: observed.report), serverCores: observed.serverCores)
    }

    /// The engine row, one block of rows per level, then the sustained count.
    static func rows(for levels: [Level], engines: EngineLevel, mediaThreads: Int) -> [SystemRow] {
        let n = Double(engines.report.engines)
        var rows = [
            SystemRow(section, "server media threads (event loops, each with its own port and rooms)", value: "\(mediaThreads)"),
            SystemRow(section, "\(engines.report.engines) TRTCCloud engines, 1 room (client process): CPU per engine",
                value: String(format: "%.2f %% of a core (server %.3f %%)", 100 * engines.report.cores / n, 100 * engines.serverCores / n)),
        ]
        for (index, level) in levels.enumerated() {
            let report = level.report
            let n = report.participants
            let previous = index > 0 ? levels[index - 1] : nil
            rows += [
                SystemRow(section, "\(n) participants, \(n / LoadGenerator.roomSize) rooms of \(LoadGenerator.roomSize): joined",
                    value: String(format: "%d of %d in %.1f s", report.joined, n, report.joinSeconds)),
                SystemRow(section, "  loss (each probe × 4 receivers)",
                    value: String(format: "%.3f %% (%d of %d)", level.lossPercent, report.expected - report.received, report.expected),
                    target: "< 0.5 %", met: level.lossPercent < maximumLossPercent),
                SystemRow(section, "  in the window: server received, forwarded; dropped by full buffers: server, receivers",
                    value: "\(level.serverReceived), \(level.serverForwarded); \(level.serverDrops), \(report.receiverDrops)"),
                SystemRow(section, "  probes sent in the window; send errors; copies failing SRTP at receivers",
                    value: "\(report.sent); \(report.sendErrors); \(report.failures)"),
                // Per participant only means something when the server kept up with every participant.
                SystemRow(section, "  server CPU per participant (server process)",
                    value: String(format: "%.3f %% of a core (%.2f cores)%@", 100 * level.serverCores / Double(n), level.serverCores,
                        level.sustained ? "" : ", not keeping up"),
                    target: "≤ 0.2 % (2 cores / 1,000)", met: level.sustained ? level.serverCores / Double(n) <= 0.002 : nil),
                SystemRow(section, "  server memory (RSS) per participant",
                    value: String(format: "%.1f KiB", Double(level.residentBytes) / 1024 / Double(n)),
                    target: "≤ 100 KiB", met: Double(level.residentBytes) / 1024 / Double(n) <= 100),
            ]
            if let previous, n > previous.report.participants {
                let added = Double(level.residentBytes - previous.residentBytes) / 1024 / Double(n - previous.report.participants)
                rows.append(SystemRow(section, "  memory per participant added since \(previous.report.participants)",
                    value: String(format: "%.1f KiB", added), target: "≤ 100 KiB", met: added <= 100))
            }
            rows += [
                SystemRow(section, "  send → arrival p50 / p99", value: report.latency.milliseconds),
                SystemRow(section, "  server waited for a CPU; generator CPU (child); load average",
                    value: String(format: "%.0f ms/s; %.2f cores; %.1f", level.serverWaitedPerSecond, report.generatorCores, level.loadAverage)),
            ]
        }
        let sustained = levels.filter(\.sustained).map { $0.report.participants }.max() ?? 0
        rows.append(SystemRow(section, "sustained participants (all joined, loss < 0.5 %)",
            value: "\(sustained) (of \(levels.map { "\($0.report.participants)" }.joined(separator: ", ")) tried)",
            target: "≥ 1,000", met: sustained >= 1000))
        return rows
    }
}
