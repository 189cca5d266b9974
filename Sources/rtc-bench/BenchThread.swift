import Dispatch
import Foundation

/// A named OS thread that runs one closure and can be waited for: the load generators' pacing and
/// receiving loops, and blocking socket work kept off Swift's cooperative pool.
final class BenchThread: Sendable {
    private let done = DispatchSemaphore(value: 0)

    /// Starts `body` on a new thread called `name`.
    init(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [done] in
            body()
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Waits until the closure has returned.
    func join() {
        done.wait()
        done.signal()
    }

    /// Waits until `thread`'s closure has returned without blocking the caller's executor.
    static func wait(for thread: BenchThread) async {
        _ = try? await run(name: "bench-join") { thread.join() }
    }

    /// Runs blocking work on its own thread and returns its result without blocking the caller's executor.
    static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            _ = BenchThread(name: name) { continuation.resume(with: Result { try body() }) }
        }
    }
}
