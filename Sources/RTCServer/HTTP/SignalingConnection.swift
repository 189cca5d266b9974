import HummingbirdWebSocket
import NIOConcurrencyHelpers
import NIOWebSocket
import Logging
import Synchronization

/// One signaling WebSocket: reads text messages into the ``ServerCore`` of its room (through the
/// ``RoomRouter``) and writes what the core queues for it. The core decides everything; this type
/// only moves frames.
final class SignalingConnection: Sendable {
    /// What the core can ask a connection to do.
    enum Frame: Sendable {
        /// Send one text message.
        case text(String)
        /// Close with a WebSocket close code and reason, after what was queued before.
        case close(WebSocketErrorCode, String)
    }

    private static let nextID = Atomic<Int>(1)

    /// A process-unique number for logs.
    let id: Int
    private let frames: AsyncStream<Frame>.Continuation
    private let badMessages = Atomic<Int>(0)
    /// The core whose room this connection joined (or resumed a session in); nil before that.
    private let boundCore = NIOLockedValueBox<ServerCore?>(nil)

    private init(frames: AsyncStream<Frame>.Continuation) {
        self.id = Self.nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        self.frames = frames
    }

    /// Queues a text message; dropped silently once the connection has closed.
    func send(_ text: String) {
        frames.yield(.text(text))
    }

    /// Queues a close; nothing sent after it goes out.
    func close(_ code: WebSocketErrorCode, reason: String) {
        frames.yield(.close(code, reason))
    }

    /// The core of the room this connection joined, once it has.
    var core: ServerCore? { boundCore.withLockedValue { $0 } }

    /// Sends every later message of this connection to `core` (called by the core when a join or resume succeeds).
    func bind(to core: ServerCore) {
        boundCore.withLockedValue { $0 = core }
    }

    /// Counts one malformed or oversized message and returns how many this connection has sent.
    func recordBadMessage() -> Int {
        badMessages.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Serves one upgraded WebSocket until either side closes it.
    static func serve(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, router: RoomRouter, logger: Logger
    ) async {
        let (stream, continuation) = AsyncStream<Frame>.makeStream()
        let connection = SignalingConnection(frames: continuation)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await frame in stream {
                    switch frame {
                    case .text(let text):
                        try? await outbound.write(.text(text))
                    case .close(let code, let reason):
                        try? await outbound.close(code, reason: reason)
                        return
                    }
                }
            }
            do {
                for try await message in inbound.messages(maxSize: SignalingLimits.maxFrameSize) {
                    switch message {
                    case .text(let text):
                        await router.core(for: text, from: connection).receive(text: text, from: connection)
                    case .binary:
                        await (connection.core ?? router.cores[0]).receiveBinary(from: connection)
                    }
                }
            } catch {
                logger.debug("signaling connection \(connection.id) ended: \(error)")
            }
            await connection.core?.connectionClosed(connection)
            continuation.finish()
        }
    }
}
