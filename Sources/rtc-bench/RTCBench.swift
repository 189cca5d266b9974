import ArgumentParser
import Foundation

/// rtc-bench: the media core's Swift wrappers against the same native calls in tight C loops, one table.
@main
struct RTCBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rtc-bench",
        abstract: "Times the media core's Swift wrappers against the same libsrtp2, libopus and webrtc-audio-processing calls in C loops.",
        discussion: """
            Each row runs the Swift loop and the C loop back to back in every round (alternating which goes \
            first, same operation count) and reports the medians; Swift/C is the median of the per-round ratios. \
            Times are CPU time of the benchmark thread. Build in release: swift run -c release rtc-bench
            """)

    @Flag(help: "21 rounds of 2 ms per side instead of 101 rounds of 10 ms: finishes in a few seconds.")
    var quick = false

    @Flag(help: "Print the results as JSON instead of a table.")
    var json = false

    @Option(help: "Timed rounds per row (default: 101, or 21 with --quick).")
    var rounds: Int?

    @Option(help: "Run only the rows whose name contains this text (case-insensitive).")
    var filter: String?

    mutating func validate() throws {
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1") }
    }

    func run() throws {
        let rounds = self.rounds ?? (quick ? 21 : 101)
        let roundNanoseconds = quick ? 2e6 : 10e6
        var cases = BenchmarkSuite.cases()
        if let filter { cases = cases.filter { $0.operation.localizedCaseInsensitiveContains(filter) } }
        let machine = MachineDescription.current()
        try SRTPLoops.initializeLibrary()
        let equivalence = try EquivalenceCheck.run()
        var rows: [BenchmarkRow] = []
        for (index, benchmark) in cases.enumerated() {
            FileHandle.standardError.write(Data("[\(index + 1)/\(cases.count)] \(benchmark.operation)\n".utf8))
            rows.append(try benchmark.measure(rounds: rounds, roundNanoseconds: roundNanoseconds))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let report = Report(machine: machine, quick: quick, rounds: rounds, equivalence: equivalence, rows: rows)
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            #if DEBUG
            print("warning: a debug build; wrapper ratios mean something only in release (-c release)")
            #endif
            print("rtc-bench on \(machine.summary); \(rounds) rounds per row\(quick ? " (quick)" : "")")
            print("Checked first: \(equivalence).")
            print(ResultTable(rows: rows).render())
            let checked = rows.compactMap(\.meetsTarget)
            print("\(checked.filter { $0 }.count) of \(checked.count) wrapper rows within target")
        }
    }

    /// The JSON document `--json` prints.
    struct Report: Codable {
        /// Where it ran.
        let machine: MachineDescription
        /// Whether `--quick` was given.
        let quick: Bool
        /// Timed rounds per row.
        let rounds: Int
        /// What the equivalence check compared.
        let equivalence: String
        /// The measured rows, in table order.
        let rows: [BenchmarkRow]
    }
}
