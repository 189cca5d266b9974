import Foundation

/// One run of an example program, from the binary SwiftPM built beside the test bundle.
struct ExampleProcess {
    /// The exit status (a signal shows as 128 + its number).
    let status: Int32
    /// Standard output and standard error, interleaved.
    let output: String

    /// Runs the example `name` with `arguments` until it exits; kills it after `timeout`.
    static func run(_ name: String, arguments: [String] = [], timeout: Duration = .seconds(180)) async throws -> ExampleProcess {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw ExampleProcessError.missingBinary(binary.path) }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(name)-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw ExampleProcessError.noLogFile(log.path) }
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        // The examples' own limits (15 s, 8 s waits) are for a quiet machine; the tests run beside others.
        environment["EXAMPLES_PATIENCE"] = "4"
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ExampleProcess(status: status, output: output)
    }
}

enum ExampleProcessError: Error {
    case missingBinary(String)
    case noLogFile(String)
}
