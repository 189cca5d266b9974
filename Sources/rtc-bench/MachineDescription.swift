import Foundation

/// What the numbers were measured on: targets.md asks for every figure to come with its machine.
struct MachineDescription: Codable, Sendable {
    /// Logical processors available to the process.
    let processors: Int
    /// The CPU's model name from /proc/cpuinfo.
    let cpu: String
    /// The operating system's PRETTY_NAME from /etc/os-release.
    let system: String

    /// Reads the current machine's description.
    static func current() -> MachineDescription {
        MachineDescription(
            processors: ProcessInfo.processInfo.activeProcessorCount,
            cpu: value(of: "model name", in: "/proc/cpuinfo", separator: ":") ?? "unknown CPU",
            system: value(of: "PRETTY_NAME", in: "/etc/os-release", separator: "=") ?? "unknown system")
    }

    private static func value(of key: String, in path: String, separator: Character) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: separator, maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key else { continue }
            return parts[1].trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"")))
        }
        return nil
    }

    /// One line for the table's heading.
    var summary: String { "\(processors) × \(cpu), \(system)" }
}
