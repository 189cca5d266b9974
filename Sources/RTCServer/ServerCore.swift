import Foundation
import Logging
import NIOCore
import NIOPosix
import RTCSignaling
import RTCTransport

/// One media thread's share of a server: its rooms, their members and media legs, and its own UDP
/// port. Everything mutable lives on one event loop (`loop`, the media channel's), so the packet path
/// takes no lock; signaling and REST hop onto it. A ``RoomRouter`` picks the core of each room.
final class ServerCore: @unchecked Sendable {  // Every mutable member is touched only on `loop`.
    let loop: any EventLoop
    let configuration: ServerConfiguration
    /// This core's media thread: 0 up to the thread count − 1.
    let thread: Int
    /// The server's metrics, shared by every core.
    let metrics: ServerMetrics
    /// The server's RemoveUser bans, shared by every core.
    let bans: UserSigBans
    let logger: Logger
    /// The UDP port media arrives on.
    let mediaPort: Int
    /// The server's DTLS certificate, shared by every leg.
    let certificate: DTLSCertificate
    /// The OpenSSL context every leg's DTLS association is made from.
    let dtlsContext: DTLSContext
    /// UserSig checkers by app.
    let issuers: [UInt32: UserSigIssuer]
    let allowlist: Set<String>
    let userTimeout: TimeAmount

    var mediaChannel: (any Channel)?
    /// Which destinations' sends failed lately, and whether writes are being told apart to find out.
    var sendFailures = SendFailureGuard()
    var rooms: [RoomKey: Room] = [:]
    var members: [ObjectIdentifier: Participant] = [:]  // by signaling connection
    var sessions: [String: Participant] = [:]  // by session id
    var legsByUfrag: [String: Participant] = [:]  // by the server's ICE ufrag
    var legsByAddress: [SocketAddress: Participant] = [:]
    var shuttingDown = false
    /// Forwarded copies written to the media channel since its last flush.
    var unflushedCopies = 0
    private var ticker: RepeatedTask?

    private init(
        configuration: ServerConfiguration, thread: Int, shared: (metrics: ServerMetrics, bans: UserSigBans), loop: any EventLoop,
        mediaPort: Int, logger: Logger
    ) throws {
        self.configuration = configuration
        self.thread = thread
        self.metrics = shared.metrics
        self.bans = shared.bans
        self.loop = loop
        self.mediaPort = mediaPort
        var logger = logger
        logger[metadataKey: "media-thread"] = "\(thread)"
        self.logger = logger
        self.certificate = try DTLSCertificate.generate()
        self.dtlsContext = try DTLSContext(certificate: certificate)
        self.issuers = Dictionary(
            configuration.apps.map { ($0.sdkAppId, UserSigIssuer(sdkAppId: $0.sdkAppId, secretKey: $0.secretKey)) },
            uniquingKeysWith: { first, _ in first })
        self.allowlist = Set(configuration.allowUsers)
        self.userTimeout = .milliseconds(Int64(configuration.userTimeout * 1000))
    }

    /// Binds media thread `thread`'s port (`mediaPort + thread`, or a free one when `mediaPort` is 0) on
    /// `loop` and starts the core's periodic work (eviction, DTLS timers, RTCP reports).
    static func bind(
        configuration: ServerConfiguration, thread: Int, shared: (metrics: ServerMetrics, bans: UserSigBans), loop: any EventLoop,
        logger: Logger
    ) async throws -> ServerCore {
        let holder = CoreHolder()
        let port = configuration.mediaPort == 0 ? 0 : configuration.mediaPort + thread
        let channel = try await openMediaPort(host: configuration.host, port: port, loop: loop, holder: holder).get()
        let core = try ServerCore(
            configuration: configuration, thread: thread, shared: shared, loop: loop, mediaPort: channel.localAddress?.port ?? port,
            logger: logger)
        try await loop.submit {
            core.mediaChannel = channel
            holder.core = core
            core.reopenWhenClosed(channel, holder: holder)
            core.ticker = loop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .milliseconds(100)) { _ in
                core.tick()
            }
        }.get()
        return core
    }

    /// The media socket's requested receive buffer (Linux doubles it for its bookkeeping and caps it at
    /// `net.core.rmem_max`): ≈ 1,300 voice datagrams, 65 ms of input from 400 publishers.
    static let receiveBufferBytes = 512 << 10

    /// The address put in `join.ok` candidates.
    var announcedAddress: String { configuration.announceIP ?? configuration.host }
    /// The port put in `join.ok` candidates: this thread's share of `announcePort`, or the bound port.
    var announcedPort: Int { configuration.announcePort.map { $0 + thread } ?? mediaPort }

    /// Once a shutdown starts: refuses joins, closes every member's signaling (1001, going away) and waits,
    /// up to `shutdownCloseGrace`, until each member has answered its close: the HTTP server stops next and
    /// would otherwise cut close frames still being written (seen under AddressSanitizer's slowdown).
    func beginShutdown() async {
        try? await loop.submit {
            self.shuttingDown = true
            for participant in self.sessions.values {
                participant.connection?.close(.goingAway, reason: "server shutting down")
            }
            self.logger.info("shutting down", metadata: ["members": "\(self.sessions.count)", "rooms": "\(self.rooms.count)"])
        }.get()
        let deadline = ContinuousClock.now + Self.shutdownCloseGrace
        while ContinuousClock.now < deadline, (try? await loop.submit({ !self.members.isEmpty }).get()) ?? false {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// How long a shutdown waits for members to answer their close frames.
    static let shutdownCloseGrace: Duration = .seconds(2)

    /// Stops the periodic work and closes the media port.
    func close() async {
        let channel = try? await loop.submit { () -> (any Channel)? in
            self.shuttingDown = true
            self.ticker?.cancel()
            self.ticker = nil
            for participant in Array(self.sessions.values) {
                self.forget(participant)
            }
            return self.mediaChannel
        }.get()
        if let channel = channel ?? nil { try? await channel.close() }
    }

    /// Periodic work, every 100 ms: evictions for silence, DTLS retransmissions, RTCP reports.
    private func tick() {
        let now = NIODeadline.now()
        for participant in Array(sessions.values) {
            if !participant.isAllowlisted, now - participant.lastAlive > userTimeout {
                remove(participant, reason: .timeout, kick: nil, why: "no signaling, consent or media for \(configuration.userTimeout) s")
                continue
            }
            serviceMedia(of: participant, now: now)
        }
    }
}

/// Lets the media channel's handler reach the core once it exists (set on the loop).
final class CoreHolder: @unchecked Sendable {  // `core` is written once, on the loop, before any datagram is read.
    var core: ServerCore?
}
