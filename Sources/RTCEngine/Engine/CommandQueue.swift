/// Runs a cloud's commands one at a time, in the order the app called its methods, on Swift
/// concurrency (no thread of its own).
final class CommandQueue: Sendable {
    private let commands: AsyncStream<@Sendable () async -> Void>.Continuation
    private let worker: Task<Void, Never>

    init() {
        let (stream, continuation) = AsyncStream<@Sendable () async -> Void>.makeStream()
        commands = continuation
        worker = Task {
            for await command in stream { await command() }
        }
    }

    deinit {
        commands.finish()
    }

    /// Queues a command after every earlier one.
    func enqueue(_ command: @escaping @Sendable () async -> Void) {
        commands.yield(command)
    }

    /// Queues a command and waits for it to finish.
    func run<T: Sendable>(_ command: @escaping @Sendable () async -> T) async -> T {
        await withCheckedContinuation { continuation in
            enqueue { continuation.resume(returning: await command()) }
        }
    }
}
