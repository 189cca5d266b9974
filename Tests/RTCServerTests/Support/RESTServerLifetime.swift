import Foundation
import RTCTestSupport

extension ServerProcess {
    /// Runs `body` against a fresh server started with `arguments`, then stops it with ``terminate(signal:timeout:)``
    /// whether `body` returned or threw.
    static func with(arguments: [String], _ body: (ServerProcess) async throws -> Void) async throws {
        let server = try await ServerProcess(arguments: arguments)
        do {
            try await body(server)
        } catch {
            try? await server.terminate()
            throw error
        }
        try await server.terminate()
    }
}
