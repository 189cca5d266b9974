import Foundation
import RTCSignaling
import NIOConcurrencyHelpers

/// A real `rtc-server` process inside a ``FaultNetwork``'s namespace (`ip netns exec`, which
/// execs the server, so the process is the server itself), bound to the namespace's address.
final class NamespacedServer: @unchecked Sendable {  // `process` is configured in init, then only queried and signalled.
    static let sdkAppId: UInt32 = 1_400_000_006
    static let secretKey = "fault-tests-secret-0123456789"

    private let process: Process
    private let output = PrintedText()
    let httpPort: Int
    let mediaPort: Int
    let host: String

    /// The signaling URL, reached across the veth.
    var signalingURL: String { "ws://\(host):\(httpPort)/rtc/v1" }
    /// Everything the server printed so far.
    var printed: String { output.text.withLockedValue { $0 } }

    /// Starts the server in `network`'s namespace with `--user-timeout userTimeout`, on the given
    /// ports (0: any free one) and waits for its `listening` line.
    init(in network: FaultNetwork, userTimeout: Int, httpPort: Int = 0, mediaPort: Int = 0) async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rtc-server").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw ShellFailure(description: "no rtc-server at \(binary)") }
        host = network.serverAddress
        process = Process()
        process.executableURL = URL(fileURLWithPath: Shell.which("ip") ?? "/usr/sbin/ip")
        process.arguments = [
            "netns", "exec", network.namespace, binary, "--host", host, "--http-port", "\(httpPort)", "--media-port", "\(mediaPort)",
            "--app", "\(Self.sdkAppId):\(Self.secretKey)", "--user-timeout", "\(userTimeout)",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let sink = output
        let handle = pipe.fileHandleForReading
        // A thread of its own reads to the end (no dispatch source: see ChildProcess.collect).
        Thread {
            while case let data = handle.availableData, !data.isEmpty {
                sink.text.withLockedValue { $0 += String(decoding: data, as: UTF8.self) }
            }
        }.start()
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        var ports: (Int, Int)?
        while ports == nil, ContinuousClock.now < deadline, process.isRunning {
            ports = Self.listeningPorts(in: output.text.withLockedValue { $0 })
            if ports == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        guard let ports else {
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
            throw ShellFailure(description: "rtc-server printed no listening line: \(output.text.withLockedValue { $0 })")
        }
        (self.httpPort, self.mediaPort) = ports
    }

    deinit { kill() }

    /// Parses `listening http=HOST:PORT media=HOST:PORT`.
    static func listeningPorts(in text: String) -> (Int, Int)? {
        for line in text.split(separator: "\n") where line.hasPrefix("listening http=") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let http = fields[1].split(separator: ":").last.flatMap({ Int($0) }),
                let media = fields[2].split(separator: ":").last.flatMap({ Int($0) })
            else { return nil }
            return (http, media)
        }
        return nil
    }

    /// Ends the process at once (SIGKILL) and reaps it.
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A UserSig for `userId` in this server's app.
    static func userSig(_ userId: String) -> String {
        UserSigIssuer(sdkAppId: sdkAppId, secretKey: secretKey).generate(userId: userId)
    }
}

/// What a process printed, appended to as it arrives.
final class PrintedText: Sendable {
    let text = NIOLockedValueBox("")
}
