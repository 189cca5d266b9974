import Foundation
import Synchronization

/// A subprocess whose standard output and error are collected as they arrive; killed with SIGKILL
/// if it is still running when released.
final class ChildProcess: @unchecked Sendable {  // `process` is configured in init, then only queried and signalled; `streams` is a Mutex.
    private struct Streams {
        var stdout = ""
        var stderr = ""
        var closed = 0
    }

    private let process = Process()
    private let pipes = (out: Pipe(), err: Pipe())
    private let streams = Mutex(Streams())

    /// Starts `executable` with `arguments`.
    init(executable: String, arguments: [String]) throws {
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

    private func collect(_ pipe: Pipe, into append: @escaping @Sendable (inout Streams, String) -> Void) {
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                self?.streams.withLock { $0.closed += 1 }
            } else {
                self?.streams.withLock { append(&$0, String(decoding: data, as: UTF8.self)) }
            }
        }
    }

    /// What it printed on standard output so far.
    var stdout: String { streams.withLock { $0.stdout } }
    /// What it printed on standard error so far.
    var stderr: String { streams.withLock { $0.stderr } }
    /// Both, for failure messages.
    var printed: String { "--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }

    /// Waits until standard output contains `text`; throws with everything printed when it does not within `timeout`.
    func waitForOutput(_ text: String, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !stdout.contains(text) {
            guard ContinuousClock.now < deadline, process.isRunning else {
                try await Task.sleep(for: .milliseconds(200))
                if stdout.contains(text) { return }
                throw ShellFailure(description: "no \"\(text)\" within \(timeout) (running: \(process.isRunning))\n\(printed)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the process to end and for its output to be read to the end; returns its exit
    /// status. Throws when it is still running after `timeout`.
    func exitStatus(timeout: Duration = .seconds(60)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw ShellFailure(description: "still running after \(timeout)\n\(printed)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        // The pipes' end of file reaches the readability handlers soon after the exit, but Foundation
        // does not always deliver it: then what is left is read here (the writer is gone, so it ends).
        let drained = ContinuousClock.now + .seconds(2)
        while streams.withLock({ $0.closed < 2 }), ContinuousClock.now < drained {
            try await Task.sleep(for: .milliseconds(20))
        }
        if streams.withLock({ $0.closed < 2 }) {
            for (pipe, append) in [(pipes.out, { (s: inout Streams, text: String) in s.stdout += text }), (pipes.err, { $0.stderr += $1 })] {
                pipe.fileHandleForReading.readabilityHandler = nil
                let rest = pipe.fileHandleForReading.readDataToEndOfFile()
                streams.withLock { append(&$0, String(decoding: rest, as: UTF8.self)) }
            }
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends a signal.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }
}

extension ChildProcess {
    /// Starts the built `rtc-client` in `network`'s peer namespace: `join` as `userId` into
    /// `roomId` on `server` (publishing its default tone), and nothing else.
    static func rtcClient(in network: FaultNetwork, server: NamespacedServer, userId: String, roomId: UInt32) throws -> ChildProcess {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rtc-client").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw ShellFailure(description: "no rtc-client at \(binary)") }
        let (executable, arguments) = network.peerCommand([
            binary, "join", "--server", server.signalingURL, "--app", "\(NamespacedServer.sdkAppId)", "--secret", NamespacedServer.secretKey,
            "--room", "\(roomId)", "--user", userId,
        ])
        return try ChildProcess(executable: executable, arguments: arguments)
    }
}

extension ChildProcess {
    /// Waits until standard output contains `text` at least `occurrences` times.
    func waitForOutput(_ text: String, occurrences: Int, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while stdout.components(separatedBy: text).count - 1 < occurrences {
            guard ContinuousClock.now < deadline else { throw ShellFailure(description: "\"\(text)\" not \(occurrences) times within \(timeout)\n\(printed)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
