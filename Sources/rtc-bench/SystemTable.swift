/// The text table of the system sections: measurement, value, target, met.
struct SystemTable {
    let rows: [SystemRow]

    /// One block per section, each with a header line and a rule.
    func render() -> String {
        var blocks: [String] = []
        var sections: [String] = []
        for row in rows where !sections.contains(row.section) { sections.append(row.section) }
        for section in sections {
            let lines = rows.filter { $0.section == section }.map { row in
                [row.measurement, row.value, row.target, row.met.map { $0 ? "yes" : "NO" } ?? "—"]
            }
            blocks.append(Self.render(title: section, header: ["Measurement", "Value", "Target", "Met"], lines: lines))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// A titled table: the first column left-aligned, the others right-aligned.
    static func render(title: String, header: [String], lines: [[String]]) -> String {
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
        return ([title, format(header), rule] + lines.map(format)).joined(separator: "\n")
    }
}
