import Foundation
import Logging
import NIOCore
import NIOPosix
import RTCSignaling
import RTCTransport

/// All of a server's state: rooms, members, media legs. Everything mutable lives on one event
/// loop (`loop`, the media channel's), so the packet path takes no lock; signaling and REST hop
/// onto it.
final class ServerCore: @unchecked Sendable {  // Every mutable member is touched only on `loop`.
    let loop: any EventLoop
    let configuration: ServerConfiguration
    let metrics = ServerMetrics()
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
    /// What the UserSigs refused after RemoveUser sign (`UserSig.signedContent`, so a re-encoded copy is refused too), until they expire (unix seconds).
    var bannedUserSigs: [String: Int64] = [:]
    var shuttingDown = false
    /// Forwarded copies written to the media channel since its last flush.
    var unflushedCopies = 0
    private var ticker: RepeatedTask?

    private init(configuration: ServerConfiguration, loop: any EventLoop, mediaPort: Int, logger: Logger) throws {
        self.configuration = configuration
        self.loop = loop
        self.mediaPort = mediaPort
        self.logger = logger
        self.certificate = try DTLSCertificate.generate()
        self.dtlsContext = try DTLSContext(certificate: certificate)
        self.issuers = Dictionary(
            configuration.apps.map { ($0.sdkAppId, UserSigIssuer(sdkAppId: $0.sdkAppId, secretKey: $0.secretKey)) },
            uniquingKeysWith: { first, _ in first })
        self.allowlist = Set(configuration.allowUsers)
        self.userTimeout = .milliseconds(Int64(configuration.userTimeout * 1000))
    }

    /// Binds the media port and starts the core's periodic work (eviction, DTLS timers, RTCP reports).
    static func bind(configuration: ServerConfiguration, group: any EventLoopGroup, logger: Logger) async throws -> ServerCore {
        let loop = group.next()
        let holder = CoreHolder()
        let channel = try await openMediaPort(
            host: configuration.host, port: configuration.mediaPort, loop: loop, holder: holder
        ).get()
        let core = try ServerCore(
            configuration: configuration, loop: loop, mediaPort: channel.localAddress?.port ?? configuration.mediaPort,
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
