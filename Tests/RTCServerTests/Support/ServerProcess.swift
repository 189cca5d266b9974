import Foundation
import Testing

/// A real `rtc-server` process on 127.0.0.1 with ports chosen by the kernel (port 0),
/// started from the binary SwiftPM built beside the test bundle.
final class ServerProcess: @unchecked Sendable {  // `output` is guarded by `lock`.
    let process = Process()
    let httpPort: Int
    let mediaPort: Int
    private let lock = NSLock()
    private var output = ""

    /// The signaling URL.
    var signalingURL: String { "ws://127.0.0.1:\(httpPort)/rtc/v1" }

    /// Everything the server printed so far (stdout and stderr).
    var printed: String { lock.withLock { output } }

    /// Starts the server with the given extra arguments and waits for its `listening` line.
    init(arguments: [String], timeout: Duration = .seconds(60)) async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("rtc-server")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ServerProcessError.missingBinary(binary.path)
        }
        process.executableURL = binary
        process.arguments = ["--host", "127.0.0.1", "--http-port", "0", "--media-port", "0"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let (lines, continuation) = AsyncStream<String>.makeStream()
        let box = self.lock
        let handle = pipe.fileHandleForReading
        // A blocking read on a thread of its own: libdispatch's readability handlers crashed under load
        // (`_dispatch_event_loop_drain`, swift-corelibs-foundation#3276).
        Thread {
            while case let data = handle.availableData, !data.isEmpty {
                continuation.yield(String(decoding: data, as: UTF8.self))
            }
            continuation.finish()
        }.start()
        try process.run()
        var ports: (Int, Int)?
        let deadline = ContinuousClock.now + timeout
        var text = ""
        for await chunk in lines {
            text += chunk
            if let found = Self.listeningPorts(in: text) {
                ports = found
                break
            }
            if ContinuousClock.now > deadline { break }
        }
        guard let ports else {
            process.terminate()
            throw ServerProcessError.noListeningLine(text)
        }
        httpPort = ports.0
        mediaPort = ports.1
        box.withLock { output = text }
        Task { [weak self] in
            for await chunk in lines { self?.append(chunk) }
        }
    }

    private func append(_ chunk: String) {
        lock.withLock { output += chunk }
    }

    /// Parses `listening http=HOST:PORT media=HOST:PORT`.
    static func listeningPorts(in text: String) -> (Int, Int)? {
        for line in text.split(separator: "\n") where line.hasPrefix("listening http=") {
            let fields = line.split(separator: " ")
            guard fields.count == 3,
                let http = fields[1].split(separator: ":").last.flatMap({ Int($0) }),
                let media = fields[2].split(separator: ":").last.flatMap({ Int($0) })
            else { return nil }
            return (http, media)
        }
        return nil
    }

    /// Ends the process at once (SIGKILL) and reaps it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends `signal` and waits for the process to end without blocking a thread: a graceful
    /// shutdown waits for this process's own WebSocket clients, which need the threads to close.
    func terminate(signal: Int32 = SIGTERM, timeout: Duration = .seconds(60)) async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            Issue.record("rtc-server did not exit within \(timeout) of signal \(signal)")
            stop()
        }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }
}

enum ServerProcessError: Error {
    case missingBinary(String)
    case noListeningLine(String)
}
