import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The routes of the HTTP port: WebSocket signaling at `/rtc/v1`, REST at `/`, `/healthz`, `/metrics`.
enum HTTPRoutes {
    /// Plain HTTP: health, metrics and the room-management REST API (rest-api.md).
    static func router(router rooms: RoomRouter) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: rooms.metrics.exposition())))
        }
        let rest = RoomServiceEndpoint(router: rooms)
        router.post("/") { request, context in try await rest.respond(to: request, context: context) }
        router.get("/") { request, context in try await rest.respond(to: request, context: context) }
        return router
    }

    /// The WebSocket upgrade at `/rtc/v1`; every connection is served by a ``SignalingConnection``.
    static func webSocketRouter(router rooms: RoomRouter) -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/rtc/v1") { _, _ in
            .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            await SignalingConnection.serve(inbound: inbound, outbound: outbound, router: rooms, logger: context.logger)
        }
        return router
    }
}

/// Limits of the signaling WebSocket (protocol.md §1).
enum SignalingLimits {
    /// Largest text message accepted; larger ones get an `error` (-1104).
    static let maxMessageSize = 64 * 1024
    /// Largest WebSocket frame read at all (a larger one closes the connection): room for a
    /// message just over the limit to be answered with an `error` rather than a close.
    static let maxFrameSize = 1 << 20
    /// Oversized or malformed messages tolerated before the connection is closed with 1008.
    static let maxBadMessages = 3
}
