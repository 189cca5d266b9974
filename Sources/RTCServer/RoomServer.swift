import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// The RTCEngine room server: WebSocket signaling and REST on one TCP port; media on one UDP port per
/// media thread, each thread holding its own rooms.
///
/// Run it from `rtc-server` (``run(onListening:)`` until SIGTERM/SIGINT) or embed it in a process
/// (``start()`` … ``shutdown()``), as the examples and tests do.
public final class RoomServer: Sendable {
    /// The settings the server runs with.
    public let configuration: ServerConfiguration
    private let logger: Logger
    private let state = LockedState()

    /// A server that will serve with the given settings once started.
    public init(configuration: ServerConfiguration, logger: Logger = Logger(label: "rtc-server")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until SIGTERM or SIGINT, then stops accepting joins, tells members and closes.
    /// `onListening` receives the bound `HOST:PORT` of the HTTP and media ports once both are up.
    public func run(onListening: @Sendable (String, String) -> Void) async throws {
        let addresses = try await start(signals: [.sigterm, .sigint])
        onListening(addresses.http, addresses.media)
        try await state.runTask?.value
    }

    /// Starts serving in the background and returns the bound addresses.
    @discardableResult
    public func start() async throws -> ListeningAddresses {
        try await start(signals: [])
    }

    /// Stops accepting joins, closes every member's connection (WebSocket close 1001) and the ports.
    public func shutdown() async {
        guard let group = state.group else { return }
        await group.triggerGracefulShutdown()
        _ = try? await state.runTask?.value
    }

    /// The counters and gauges in Prometheus text format, as `GET /metrics` serves them.
    public func metricsText() -> String {
        state.router?.metrics.exposition() ?? ""
    }

    private func start(signals: [UnixSignal]) async throws -> ListeningAddresses {
        try configuration.validate()
        let loopGroup = MultiThreadedEventLoopGroup.singleton
        let router = try await RoomRouter.bind(configuration: configuration, group: loopGroup, logger: logger)
        let (ports, continuation) = AsyncStream<Int?>.makeStream()
        let app = Application(
            router: HTTPRoutes.router(router: router),
            server: .http1WebSocketUpgrade(
                webSocketRouter: HTTPRoutes.webSocketRouter(router: router),
                configuration: .init(maxFrameSize: SignalingLimits.maxFrameSize)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.httpPort), serverName: "rtc-server"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port) },
            eventLoopGroupProvider: .shared(loopGroup),
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app), .init(service: ShutdownNotice(router: router))],
                gracefulShutdownSignals: signals,
                logger: logger))
        let runTask = Task {
            defer { continuation.finish() }
            do {
                try await group.run()
            } catch {
                logger.error("server stopped: \(error)")
                await router.close()
                throw error
            }
            await router.close()
        }
        state.set(router: router, group: group, runTask: runTask)
        guard let httpPort = await ports.first(where: { _ in true }) ?? nil else {
            try await runTask.value
            throw ConfigurationError.invalid(setting: "httpPort", reason: "the HTTP port could not be bound")
        }
        let mediaPorts = router.mediaPorts
        let addresses = ListeningAddresses(
            http: "\(configuration.host):\(httpPort)", media: "\(configuration.host):\(mediaPorts[0])",
            httpPort: httpPort, mediaPorts: mediaPorts)
        logger.info(
            "listening",
            metadata: ["http": "\(addresses.http)", "media": "\(addresses.media)", "media-ports": "\(mediaPorts.map(String.init).joined(separator: ","))"])
        return addresses
    }
}

/// Where a started server listens.
public struct ListeningAddresses: Sendable, Equatable {
    /// `HOST:PORT` of signaling, REST, health and metrics.
    public var http: String
    /// `HOST:PORT` of the first media thread's port.
    public var media: String
    /// The bound TCP port.
    public var httpPort: Int
    /// The bound UDP port of each media thread, by thread.
    public var mediaPorts: [Int]
    /// The first media thread's UDP port.
    public var mediaPort: Int { mediaPorts[0] }

    /// The WebSocket signaling URL clients join at.
    public var signalingURL: String { "ws://\(http)/rtc/v1" }
}

/// On graceful shutdown, refuses new joins and tells every member before the HTTP server stops.
private struct ShutdownNotice: Service {
    let router: RoomRouter

    func run() async throws {
        try? await gracefulShutdown()
        await router.beginShutdown()
    }
}
