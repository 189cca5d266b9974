import Foundation
import Testing

extension ServerProcess {
    /// Runs `body` against a fresh server started with `arguments`, then stops it with ``terminate(timeout:)``
    /// whether `body` returned or threw.
    static func with(arguments: [String], _ body: (ServerProcess) async throws -> Void) async throws {
        let server = try await ServerProcess(arguments: arguments)
        do {
            try await body(server)
        } catch {
            await server.terminate()
            throw error
        }
        await server.terminate()
    }

    /// Sends SIGTERM and waits for the exit without blocking a thread. (`stop()` blocks a thread of the
    /// cooperative pool in `waitUntilExit` while the server's graceful shutdown may wait for this process's
    /// WebSocket clients to finish their close handshake: with one such stop per core, nothing runs those
    /// clients and the test run deadlocks.) A server still running after `timeout` is an issue, and killed.
    func terminate(timeout: Duration = .seconds(60)) async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        guard process.isRunning else { return }
        Issue.record("rtc-server did not exit within \(timeout) of SIGTERM")
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
