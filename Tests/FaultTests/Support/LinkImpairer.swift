import Foundation
import RTCTestSupport

/// `scripts/impair-link.py` running in a namespace: it holds the packets an iptables NFQUEUE rule
/// queues there and drops, delays and jitters them as netem would. What FaultNetwork uses for
/// delay and jitter where the kernel has no netem.
final class LinkImpairer: Sendable {
    /// The NFQUEUE number the rule and the script share (queues are per namespace).
    static let queue = 7
    private let child: ChildProcess

    /// Whether the script can run here: python3, and libnetfilter_queue for its ctypes calls.
    static let available: Bool = Shell.run("python3", ["-c", "import ctypes; ctypes.CDLL('libnetfilter_queue.so.1')"]).status == 0

    /// The script in this checkout (Tests/FaultTests/Support/ → the package root).
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/impair-link.py").path

    /// Starts the script in `namespace` and waits until it has bound the queue.
    init(namespace: String, lossPercent: Int, delayMs: Int, jitterMs: Int) async throws {
        let ip = Shell.which("ip") ?? "/usr/sbin/ip"
        child = try ChildProcess(executable: ip, arguments: [
            "netns", "exec", namespace, Shell.which("python3") ?? "/usr/bin/python3", Self.script, "--queue", "\(Self.queue)",
            "--loss", "\(lossPercent)", "--delay", "\(delayMs)", "--jitter", "\(jitterMs)",
        ])
        try await child.waitForOutput("ready", timeout: .seconds(20))
    }

    /// Releases what the script holds, stops it and returns its counts line.
    func stop() async throws -> String {
        child.send(SIGTERM)
        let status = try await child.exitStatus(timeout: .seconds(10))
        guard status == 0 else { throw ShellFailure(description: "impair-link exited with \(status)\n\(child.printed)") }
        return child.stdout.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Stops the script at once (the namespace is going away; what it holds is dropped).
    func kill() {
        child.send(SIGKILL)
    }
}
