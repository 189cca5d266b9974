import Foundation

/// rtc-bench run again as a child process (the load generator), with its stdout read line by line.
final class ChildProcess: Sendable {
    private let process: Process
    /// The child's stdout, one line at a time; ends when the child closes it.
    let lines: AsyncStream<String>

    /// Starts this executable with `arguments` and extra `environment`; stderr is shared with the parent.
    init(arguments: [String], environment: [String: String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        let (lines, sink) = AsyncStream<String>.makeStream()
        try process.run()
        self.process = process
        self.lines = lines
        let reading = pipe.fileHandleForReading
        _ = BenchThread(name: "bench-child-stdout") {
            var pending = Data()
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    sink.yield(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            sink.finish()
        }
    }

    /// Waits for the child to exit and returns its status.
    func waitForExit() async -> Int32 {
        let process = self.process
        return (try? await BenchThread.run(name: "bench-child-wait") {
            process.waitUntilExit()
            return process.terminationStatus
        }) ?? -1
    }
}
