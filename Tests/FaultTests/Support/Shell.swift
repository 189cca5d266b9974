import Foundation

/// Runs short system commands (`ip`, `tc`, `iptables`) to completion.
enum Shell {
    /// Where a tool is installed, if it is.
    static func which(_ tool: String) -> String? {
        ["/usr/sbin", "/usr/bin", "/sbin", "/bin"].map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `tool arguments…`; returns its exit status and what it printed (stdout and stderr).
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
        guard let path = which(tool) else { return (127, "\(tool): not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (126, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs a command that must succeed; throws with its output otherwise.
    static func must(_ tool: String, _ arguments: [String]) throws {
        let (status, output) = run(tool, arguments)
        guard status == 0 else { throw ShellFailure(description: "\(tool) \(arguments.joined(separator: " ")) → \(status): \(output)") }
    }
}

/// A system command that failed.
struct ShellFailure: Error, CustomStringConvertible {
    var description: String
}
