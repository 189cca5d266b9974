import Foundation
import NIOConcurrencyHelpers

/// A subprocess whose standard output and error are collected as they arrive; killed with SIGKILL
/// if it is still running when released.
package final class ChildProcess: @unchecked Sendable {  // `process` is configured in init, then only queried and signalled; `streams` is a locked box.
    private struct Streams {
        var stdout = ""
        var stderr = ""
        var closed = 0
    }

    private let process = Process()
    private let streams = NIOLockedValueBox(Streams())
    private let pipes = (out: Pipe(), err: Pipe())

    /// Starts `executable` with `arguments`.
    package init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = pipes.out
        process.standardError = pipes.err
        process.standardInput = FileHandle.nullDevice
        collect(pipes.out) { $0.stdout += $1 }
        collect(pipes.err) { $0.stderr += $1 }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Reads `pipe` to its end on a thread of its own: a blocking read needs no dispatch source, whose
    /// handlers crashed under load in libdispatch (`_dispatch_event_loop_drain`, swift-corelibs-foundation#3276).
    private func collect(_ pipe: Pipe, into append: @escaping @Sendable (inout Streams, String) -> Void) {
        let handle = pipe.fileHandleForReading
        let streams = self.streams
        Thread {
            while case let data = handle.availableData, !data.isEmpty {
                streams.withLockedValue { append(&$0, String(decoding: data, as: UTF8.self)) }
            }
            streams.withLockedValue { $0.closed += 1 }
        }.start()
    }

    /// What it printed on standard output so far.
    package var stdout: String { streams.withLockedValue { $0.stdout } }
    /// What it printed on standard error so far.
    package var stderr: String { streams.withLockedValue { $0.stderr } }
    /// Both, for failure messages.
    package var printed: String { "--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }

    /// Waits until standard output contains `text`; throws with everything printed when it does not within `timeout`.
    package func waitForOutput(_ text: String, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !stdout.contains(text) {
            guard ContinuousClock.now < deadline, process.isRunning else {
                try await Task.sleep(for: .milliseconds(200))
                if stdout.contains(text) { return }
                throw ProcessFailure(description: "no \"\(text)\" within \(timeout) (running: \(process.isRunning))\n\(printed)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until standard output contains `text` at least `occurrences` times.
    package func waitForOutput(_ text: String, occurrences: Int, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while stdout.components(separatedBy: text).count - 1 < occurrences {
            guard ContinuousClock.now < deadline else { throw ProcessFailure(description: "\"\(text)\" not \(occurrences) times within \(timeout)\n\(printed)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the process to end and for its output to be read to the end; returns its exit
    /// status. Throws when it is still running after `timeout`.
    package func exitStatus(timeout: Duration = .seconds(60)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw ProcessFailure(description: "still running after \(timeout)\n\(printed)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Both readers reach the end of file once the process and any child holding its pipes are gone.
        let drained = ContinuousClock.now + .seconds(10)
        while streams.withLockedValue({ $0.closed < 2 }), ContinuousClock.now < drained {
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends a signal.
    package func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }
}
