import Foundation

/// The text table rtc-bench prints: one line per row, times in the unit that suits them.
struct ResultTable {
    let rows: [BenchmarkRow]

    /// The table, with a header line and a rule.
    func render() -> String {
        let header = ["Operation", "Swift/op", "C/op", "Swift/C", "Target", "Met"]
        let lines = rows.map { row in
            [
                row.operation, Self.time(row.swiftNanoseconds), row.cNanoseconds.map(Self.time) ?? "—",
                row.ratio.map { Self.fixed($0, 3) + "×" } ?? "—",
                row.targetRatio.map { "≤ " + Self.fixed($0, 2) + "×" } ?? "—",
                row.meetsTarget.map { $0 ? "yes" : "NO" } ?? "—",
            ]
        }
        let widths = header.indices.map { column in
            ([header] + lines).map { $0[column].count }.max() ?? 0
        }
        func format(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return column == 0 ? cells[column] + padding : padding + cells[column]
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        return ([format(header), rule] + lines.map(format)).joined(separator: "\n")
    }

    /// Nanoseconds as "87.3 ns", "2.61 µs" or "431.2 µs".
    static func time(_ nanoseconds: Double) -> String {
        if nanoseconds < 1000 { return fixed(nanoseconds, 1) + " ns" }
        if nanoseconds < 100_000 { return fixed(nanoseconds / 1000, 2) + " µs" }
        return fixed(nanoseconds / 1000, 1) + " µs"
    }

    /// `value` with `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
