import Logging
import NIOCore
import NIOPosix
import RTCSignaling
import NIOConcurrencyHelpers
import NIOWebSocket
import WSClient

/// One signaling WebSocket to the room server (protocol.md §1): requests paired with their
/// answers by `requestId`, and a stream of the server's events.
final class SignalingClient: Sendable {
    /// Why the connection ended.
    enum Closure: Sendable, Equatable {
        /// The server or the client closed it with a WebSocket close code.
        case closed(code: Int?)
        /// The connection failed (refused, reset, unreachable).
        case failed(String)
    }

    /// Server messages that answer no request: userJoined, userLeft, stream events, customCmd, kicked…
    let events: AsyncStream<ServerMessage>
    private let eventSink: AsyncStream<ServerMessage>.Continuation
    private let outbound: AsyncStream<String>.Continuation
    private let state = NIOLockedValueBox(State())
    private let runTask: NIOLockedValueBox<Task<Void, Never>?> = NIOLockedValueBox(nil)
    private let closedStream: AsyncStream<Closure>

    private struct State {
        var nextRequestId = 1
        var pending: [Int: CheckedContinuation<ServerMessage, any Error>] = [:]
        /// Requests sent whose answer nobody awaits yet, and answers that arrived before anyone awaited them.
        var unclaimed: Set<Int> = []
        var early: [Int: ServerMessage] = [:]
        var closure: Closure?
        /// When the last frame arrived (`NIODeadline` uptime nanoseconds); the connect time before any.
        var lastReceived = NIODeadline.now().uptimeNanoseconds
    }

    private init(
        events: AsyncStream<ServerMessage>, eventSink: AsyncStream<ServerMessage>.Continuation,
        outbound: AsyncStream<String>.Continuation, closedStream: AsyncStream<Closure>
    ) {
        self.events = events
        self.eventSink = eventSink
        self.outbound = outbound
        self.closedStream = closedStream
    }

    /// Opens the WebSocket; returns once it is upgraded, or throws why it could not be.
    static func connect(url: String, group: any EventLoopGroup, logger: Logger, timeout: Duration = .seconds(10)) async throws -> SignalingClient {
        let (events, eventSink) = AsyncStream<ServerMessage>.makeStream()
        let (frames, outbound) = AsyncStream<String>.makeStream()
        let (opened, openedSink) = AsyncStream<Result<Void, ClientFailure>>.makeStream()
        let (closedStream, closedSink) = AsyncStream<Closure>.makeStream()
        let client = SignalingClient(events: events, eventSink: eventSink, outbound: outbound, closedStream: closedStream)
        let ws = WebSocketClient(
            url: url, configuration: .init(maxFrameSize: 1 << 20), eventLoopGroup: group, logger: logger
        ) { inbound, writer, _ in
            openedSink.yield(.success(()))
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
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { client.deliver(text) }
                }
                tasks.cancelAll()
            }
        }
        let task = Task {
            let closure: Closure
            do {
                let frame = try await ws.run()
                closure = .closed(code: frame.map { Self.code(of: $0.closeCode) })
            } catch {
                openedSink.yield(.failure(ClientFailure(reason: "\(error)")))
                closure = .failed("\(error)")
            }
            client.finish(closure)
            closedSink.yield(closure)
            closedSink.finish()
        }
        client.runTask.withLockedValue { $0 = task }
        let outcome = await withTaskGroup(of: Result<Void, ClientFailure>?.self) { group in
            group.addTask { await opened.first { _ in true } }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .failure(ClientFailure(reason: "no WebSocket upgrade within \(timeout)"))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch outcome {
        case .success?:
            return client
        case .failure(let failure)?:
            client.close()
            throw failure
        case nil:
            client.close()
            throw ClientFailure(reason: "connection ended before it opened")
        }
    }

    /// Sends a request and waits for its answer (`<type>.ok`, `join.ok`) or throws its `error`.
    func request(_ message: ClientMessage, timeout: Duration = .seconds(5)) async throws -> ServerMessage {
        let requestId = try sendRequest(message)
        return try await answer(to: requestId, type: message.type, timeout: timeout)
    }

    /// Sends a request now, in the caller's order, and returns its id for ``answer(to:type:timeout:)``.
    func sendRequest(_ message: ClientMessage) throws -> Int {
        let requestId = state.withLockedValue { state -> Int in
            defer { state.nextRequestId += 1 }
            state.unclaimed.insert(state.nextRequestId)
            return state.nextRequestId
        }
        outbound.yield(try SignalingCodec.encode(message, requestId: requestId))
        return requestId
    }

    /// Waits for the answer to a request sent with ``sendRequest(_:)``; throws its `error`.
    func answer(to requestId: Int, type: String, timeout: Duration = .seconds(5)) async throws -> ServerMessage {
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.resolve(requestId, with: .failure(RequestTimeout(type: type, timeout: timeout)))
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            let (closure, early) = state.withLockedValue { state -> (Closure?, ServerMessage?) in
                state.unclaimed.remove(requestId)
                if let early = state.early.removeValue(forKey: requestId) { return (nil, early) }
                if state.closure == nil { state.pending[requestId] = continuation }
                return (state.closure, nil)
            }
            if let early {
                if case .error(let reply) = early { continuation.resume(throwing: reply) } else { continuation.resume(returning: early) }
            } else if let closure {
                continuation.resume(throwing: ConnectionClosed(closure: closure))
            }
        }
    }

    /// Sends a message that expects no answer.
    func send(_ message: ClientMessage) {
        if let text = try? SignalingCodec.encode(message) { send(text: text) }
    }

    /// Sends one text frame as it is.
    func send(text: String) {
        guard !text.isEmpty else { return }
        outbound.yield(text)
    }

    /// Closes the WebSocket (close code 1000) after what was queued.
    func close() {
        outbound.yield("")
        outbound.finish()
    }

    /// Waits until the connection has ended and says why.
    func waitUntilClosed() async -> Closure {
        if let closure = state.withLockedValue({ $0.closure }) { return closure }
        for await closure in closedStream { return closure }
        return state.withLockedValue { $0.closure } ?? .closed(code: nil)
    }

    /// Whether the connection has ended.
    var isClosed: Bool { state.withLockedValue { $0.closure != nil } }

    /// When the server was last heard on this connection: the arrival of its latest frame (any
    /// message, `pong` included), as `NIODeadline` uptime nanoseconds.
    var lastReceived: UInt64 { state.withLockedValue { $0.lastReceived } }

    /// Gives the connection up at once, without a close handshake: for a path that no longer
    /// answers, whose TCP connection could otherwise stay open for minutes. Ends ``events`` and
    /// every waiting request with `reason`, then drops the socket.
    func abandon(reason: String) {
        finish(.failed(reason))
        runTask.withLockedValue { $0 }?.cancel()
    }

    private func deliver(_ text: String) {
        state.withLockedValue { $0.lastReceived = NIODeadline.now().uptimeNanoseconds }
        guard let envelope = try? SignalingCodec.decode(text, as: ServerMessage.self) else { return }
        if let requestId = envelope.requestId {
            if resolve(requestId, with: .success(envelope.message)) { return }
            let kept = state.withLockedValue { state -> Bool in
                guard state.unclaimed.contains(requestId) else { return false }
                state.early[requestId] = envelope.message
                return true
            }
            if kept { return }
        }
        eventSink.yield(envelope.message)
    }

    @discardableResult
    private func resolve(_ requestId: Int, with result: Result<ServerMessage, any Error>) -> Bool {
        guard let continuation = state.withLockedValue({ $0.pending.removeValue(forKey: requestId) }) else { return false }
        switch result {
        case .success(.error(let reply)): continuation.resume(throwing: reply)
        case .success(let message): continuation.resume(returning: message)
        case .failure(let error): continuation.resume(throwing: error)
        }
        return true
    }

    private func finish(_ closure: Closure) {
        let pending = state.withLockedValue { state -> [CheckedContinuation<ServerMessage, any Error>] in
            if state.closure == nil { state.closure = closure }
            defer { state.pending = [:] }
            return Array(state.pending.values)
        }
        for continuation in pending { continuation.resume(throwing: ConnectionClosed(closure: closure)) }
        eventSink.finish()
        outbound.finish()
    }

    private static func code(of closeCode: WebSocketErrorCode) -> Int {
        Int(UInt16(webSocketErrorCode: closeCode))
    }
}

/// The WebSocket could not be opened.
struct ClientFailure: Error, CustomStringConvertible {
    /// Why.
    var reason: String
    var description: String { "signaling connection failed: \(reason)" }
}

/// A request got no answer in time.
struct RequestTimeout: Error, CustomStringConvertible {
    var type: String
    var timeout: Duration
    var description: String { "no answer to \"\(type)\" within \(timeout)" }
}

/// The connection ended while a request waited.
struct ConnectionClosed: Error, CustomStringConvertible {
    var closure: SignalingClient.Closure
    var description: String { "signaling connection closed: \(closure)" }
}

extension ErrorReply: Error {}
