import Foundation

/// A real `rtc-server` process on 127.0.0.1 with ports chosen by the kernel (port 0),
/// started from the binary SwiftPM built beside the test bundle.
package final class ServerProcess: @unchecked Sendable {  // `output` is guarded by `lock`.
    /// The `rtc-server` process.
    package let process = Process()
    /// The HTTP port: signaling WebSockets and the REST API.
    package let httpPort: Int
    /// The UDP media port.
    package let mediaPort: Int
    private let lock = NSLock()
    private var output = ""

    /// The signaling URL.
    package var signalingURL: String { "ws://127.0.0.1:\(httpPort)/rtc/v1" }

    /// Everything the server printed so far (stdout and stderr).
    package var printed: String { lock.withLock { output } }

    /// Starts the server with the given extra arguments and waits for its `listening` line.
    package init(arguments: [String], fixedPorts: Bool = false, timeout: Duration = .seconds(60)) async throws {
        process.executableURL = URL(fileURLWithPath: try BuiltBinary.path("rtc-server"))
        process.arguments = ["--host", "127.0.0.1"] + (fixedPorts ? [] : ["--http-port", "0", "--media-port", "0"]) + arguments
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
            throw ProcessFailure(description: "rtc-server printed no listening line within \(timeout)\n\(text)")
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
    package static func listeningPorts(in text: String) -> (Int, Int)? {
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
    package func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends `signal` and waits for the process to end without blocking a thread: a graceful
    /// shutdown waits for this process's own WebSocket clients, which need the threads to close.
    /// Throws, after killing it, when it has not ended within `timeout`.
    package func terminate(signal: Int32 = SIGTERM, timeout: Duration = .seconds(60)) async throws {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            stop()
            throw ProcessFailure(description: "rtc-server did not exit within \(timeout) of signal \(signal)\n\(printed)")
        }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }
}
