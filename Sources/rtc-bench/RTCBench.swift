import ArgumentParser
import Foundation
import Logging
import RTCServer

/// rtc-bench: the media core's Swift wrappers against the same native calls in tight C loops, then the
/// room server's forwarding, the room lifecycle through `TRTCCloud`, and (on request) concurrent participants.
@main
struct RTCBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rtc-bench",
        abstract: "Times the media core against C loops, the room server's SFU forwarding, and the room lifecycle through TRTCCloud.",
        discussion: """
            media: each row runs the Swift loop and the C loop back to back in every round (alternating which goes \
            first, same operation count) and reports the medians; Swift/C is the median of the per-round ratios. \
            Times are CPU time of the benchmark thread. sfu, room and load start a RoomServer inside the process \
            on 127.0.0.1 and report each figure beside its target (targets.md). Build in release: \
            swift run -c release rtc-bench
            """)

    @Option(help: "Which sections to run: media, sfu, room, load, or all of them.")
    var suite: Suite = .all

    @Flag(help: "Keep everything short: 21 rounds of 2 ms per media row, 1 → 10 only, 5 lifecycle runs, 3 s load windows.")
    var quick = false

    @Flag(help: "Print the results as JSON instead of tables.")
    var json = false

    @Option(help: "Timed rounds per media row (default: 101, or 21 with --quick).")
    var rounds: Int?

    @Option(help: "Run only the media rows whose name contains this text (case-insensitive).")
    var filter: String?

    @Option(help: "The load section's participant counts, in increasing order (default: 50,100,200,400).")
    var participants: String?

    @Option(help: "The load section's server media threads (default: 0, one per core).")
    var mediaThreads = 0

    @Option(help: .hidden)
    var loadGenerator: String?

    @Option(help: .hidden)
    var engines: Int?

    @Option(help: .hidden)
    var window: Double?

    mutating func validate() throws {
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1") }
        if !(0...ServerConfiguration.maximumMediaThreads).contains(mediaThreads) {
            throw ValidationError("--media-threads must be 0 (one per core) to \(ServerConfiguration.maximumMediaThreads)")
        }
        if participants != nil, participantLevels == nil {
            throw ValidationError("--participants takes counts of at least 5 separated by commas, e.g. 50,100,200")
        }
    }

    /// The load levels `--participants` names.
    private var participantLevels: [Int]? {
        guard let participants else { return nil }
        let levels = participants.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !levels.isEmpty, levels.allSatisfy({ $0 >= 5 }) else { return nil }
        return levels.sorted()
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        if let loadGenerator, let engines {
            try await EngineLoadGenerator(
                signalingURL: loadGenerator, engines: engines, window: .milliseconds(Int64((window ?? 10) * 1000))).run()
            return
        }
        if let loadGenerator {
            try await LoadGenerator(
                signalingURL: loadGenerator, participants: participantLevels?.first ?? 50,
                window: .milliseconds(Int64((window ?? 10) * 1000))).run()
            return
        }
        let machine = MachineDescription.current()
        let loadAtStart = ProcessUsage.loadAverage()
        let progress: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let sections = suite.sections
        var media: MediaResults?
        var system: [SystemRow] = []
        var details = SystemDetails()
        if sections.contains(.media) {
            media = try runMedia()
            progress("DTLS handshakes over loopback UDP")
            system += try DTLSHandshakeBenchmark(handshakes: quick ? 50 : 500).run()
        }
        if sections.contains(.sfu) {
            let sfu = SFUBenchmark(
                subscriberCounts: quick ? [10] : [10, 50], phaseDuration: quick ? .seconds(2) : .seconds(10),
                stepDuration: quick ? .milliseconds(600) : .seconds(2), progress: progress)
            let (rows, results) = try await sfu.run()
            system += rows
            details.sfu = results
        }
        if sections.contains(.room) {
            let room = RoomLifecycleBenchmark(runs: quick ? 5 : 20, bursts: quick ? 5 : 20, progress: progress)
            let (rows, result) = try await room.run()
            system += rows
            details.room = result
        }
        if sections.contains(.load) {
            let load = LoadBenchmark(
                levels: participantLevels ?? [50, 100, 200, 400], window: quick ? .seconds(3) : .seconds(10), mediaThreads: mediaThreads,
                progress: progress)
            let (rows, engines, levels) = try await load.run()
            system += rows
            details.load = levels
            details.engines = engines
        }
        let loadAtEnd = ProcessUsage.loadAverage()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let report = Report(
                machine: machine, quick: quick, loadAverage: [loadAtStart, loadAtEnd], rounds: media?.rounds,
                equivalence: media?.equivalence, rows: media?.rows ?? [], system: system, details: details)
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        #if DEBUG
        print("warning: a debug build; wrapper ratios and system figures mean something only in release (-c release)")
        #endif
        print("rtc-bench on \(machine.summary)\(quick ? " (quick)" : ""); load average \(ResultTable.fixed(loadAtStart, 1)) at start")
        if let media {
            print("Media core, \(media.rounds) rounds per row. Checked first: \(media.equivalence).")
            print(ResultTable(rows: media.rows).render())
            let checked = media.rows.compactMap(\.meetsTarget)
            print("\(checked.filter { $0 }.count) of \(checked.count) wrapper rows within target")
        }
        if !system.isEmpty {
            if media != nil { print() }
            print(SystemTable(rows: system).render())
        }
        print("load average \(ResultTable.fixed(loadAtEnd, 1)) at the end")
    }

    /// The media-core table and what its equivalence check compared.
    struct MediaResults {
        let rounds: Int
        let equivalence: String
        let rows: [BenchmarkRow]
    }

    private func runMedia() throws -> MediaResults {
        let rounds = self.rounds ?? (quick ? 21 : 101)
        let roundNanoseconds = quick ? 2e6 : 10e6
        var cases = BenchmarkSuite.cases()
        if let filter { cases = cases.filter { $0.operation.localizedCaseInsensitiveContains(filter) } }
        try SRTPLoops.initializeLibrary()
        let equivalence = try EquivalenceCheck.run()
        var rows: [BenchmarkRow] = []
        for (index, benchmark) in cases.enumerated() {
            FileHandle.standardError.write(Data("[\(index + 1)/\(cases.count)] \(benchmark.operation)\n".utf8))
            rows.append(try benchmark.measure(rounds: rounds, roundNanoseconds: roundNanoseconds))
        }
        return MediaResults(rounds: rounds, equivalence: equivalence, rows: rows)
    }

    /// The raw figures behind the system rows.
    struct SystemDetails: Codable {
        /// One result per subscriber count.
        var sfu: [SFUBenchmark.Result]?
        /// The lifecycle samples.
        var room: RoomLifecycleBenchmark.Result?
        /// One result per participant count.
        var load: [LoadBenchmark.Level]?
        /// The real-engine row of the load section.
        var engines: LoadBenchmark.EngineLevel?
    }

    /// The JSON document `--json` prints.
    struct Report: Codable {
        /// Where it ran.
        let machine: MachineDescription
        /// Whether `--quick` was given.
        let quick: Bool
        /// The 1-minute load average at the start and at the end.
        let loadAverage: [Double]
        /// Timed rounds per media row; nil when the media section did not run.
        let rounds: Int?
        /// What the equivalence check compared; nil when the media section did not run.
        let equivalence: String?
        /// The measured media rows, in table order.
        let rows: [BenchmarkRow]
        /// The system rows (SFU, room lifecycle, load), each beside its target.
        let system: [SystemRow]
        /// The raw figures behind the system rows.
        let details: SystemDetails
    }
}
