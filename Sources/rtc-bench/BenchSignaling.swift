import Logging
import NIOCore
import RTCSignaling
import NIOConcurrencyHelpers
import Synchronization
import WSClient

/// The load generator's signaling WebSocket (protocol.md §1): requests paired with their answers
/// by `requestId`; room events are read and dropped. A light counterpart of the engine's own client.
final class BenchSignaling: Sendable {
    private let outbound: AsyncStream<String>.Continuation
    private let pending = NIOLockedValueBox<[Int: CheckedContinuation<ServerMessage, any Error>]>([:])
    private let nextRequestId = Atomic<Int>(1)
    private let closed = Atomic<Bool>(false)
    /// Runs the WebSocket client until the connection ends.
    private let connection = NIOLockedValueBox<Task<Void, Never>?>(nil)

    private init(outbound: AsyncStream<String>.Continuation) {
        self.outbound = outbound
    }

    /// Opens the WebSocket on `group`; returns once it is upgraded.
    static func connect(url: String, group: any EventLoopGroup, logger: Logger) async throws -> BenchSignaling {
        let (frames, outbound) = AsyncStream<String>.makeStream()
        let (opened, openedSink) = AsyncStream<Bool>.makeStream()
        let client = BenchSignaling(outbound: outbound)
        let socket = WebSocketClient(url: url, eventLoopGroup: group, logger: logger) { inbound, writer, _ in
            openedSink.yield(true)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    for await text in frames {
                        if text.isEmpty {
                            try await writer.close(.normalClosure, reason: nil)
                            return
                        }
                        try await writer.write(.text(text))
                    }
                }
                for try await message in inbound.messages(maxSize: SignalingCodec.maxFrameBytes) {
                    if case .text(let text) = message { client.deliver(text) }
                }
                tasks.cancelAll()
            }
        }
        let run = Task {
            _ = try? await socket.run()
            openedSink.yield(false)
            client.fail(BenchError.systemFailure(step: "signaling", reason: "the connection closed"))
        }
        client.connection.withLockedValue { $0 = run }
        guard await opened.first(where: { _ in true }) == true else {
            throw BenchError.systemFailure(step: "signaling", reason: "no WebSocket upgrade from \(url)")
        }
        return client
    }

    /// Sends a request and waits up to `timeout` for its answer; an `error` answer is thrown.
    func request(_ message: ClientMessage, timeout: Duration = .seconds(10)) async throws -> ServerMessage {
        let requestId = nextRequestId.wrappingAdd(1, ordering: .relaxed).oldValue
        let text = try SignalingCodec.encode(message, requestId: requestId)
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.resolve(requestId, with: .failure(BenchError.systemFailure(step: message.type, reason: "no answer within \(timeout)")))
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            guard !closed.load(ordering: .acquiring) else {
                continuation.resume(throwing: BenchError.systemFailure(step: "signaling", reason: "the connection closed"))
                return
            }
            pending.withLockedValue { $0[requestId] = continuation }
            outbound.yield(text)
        }
    }

    /// Sends a message that expects no answer.
    func send(_ message: ClientMessage) {
        if let text = try? SignalingCodec.encode(message) { outbound.yield(text) }
    }

    /// Closes the WebSocket (code 1000) after what was queued, and returns once the connection has ended,
    /// so that the event loop group can be shut down after it (not under its close handshake).
    func close() async {
        outbound.yield("")
        outbound.finish()
        await connection.withLockedValue { $0 }?.value
    }

    private func deliver(_ text: String) {
        guard let envelope = try? SignalingCodec.decode(text, as: ServerMessage.self), let requestId = envelope.requestId
        else { return }
        switch envelope.message {
        case .error(let reply): resolve(requestId, with: .failure(BenchError.systemFailure(step: "signaling", reason: "error \(reply.code.rawValue): \(reply.message)")))
        default: resolve(requestId, with: .success(envelope.message))
        }
    }

    private func resolve(_ requestId: Int, with result: Result<ServerMessage, any Error>) {
        pending.withLockedValue { $0.removeValue(forKey: requestId) }?.resume(with: result)
    }

    private func fail(_ error: BenchError) {
        closed.store(true, ordering: .releasing)
        let waiting = pending.withLockedValue { pending in defer { pending = [:] }; return Array(pending.values) }
        for continuation in waiting { continuation.resume(throwing: error) }
    }
}
