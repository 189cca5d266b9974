import Foundation
import Logging
import NIOCore
import NIOPosix
import RTCAudio
import RTCSignaling
import RTCTransport
import NIOConcurrencyHelpers
import Synchronization

/// One stay in a room, from `enterRoom` to `onExitRoom`: the signaling connection, the media
/// path, the send and playout pipelines, statistics and reconnection. Owns every engine thread
/// of the stay — the network event loop, "rtc-capture" and "rtc-playout" — and joins them all
/// before it reports the exit.
final class RoomSession: Sendable {
    enum Phase: Sendable, Equatable {
        case entering, inRoom, reconnecting, exiting, exited
    }

    struct State: Sendable {
        var phase = Phase.entering
        var signaling: SignalingClient?
        var media: MediaTransport?
        var joinAnswer: JoinAnswer?
        var role: TRTCRoleType
        var users: [String: RemoteUser] = [:]
        var localAudio: TRTCAudioQuality?
        var localSSRC = UInt32.random(in: 1...UInt32.max)
        var mutedRemote: Set<String> = []
        /// Users the app asked to receive with `muteRemoteAudio(_, mute: false)` (manual receive mode).
        var received: Set<String> = []
        var muteAllRemote = false
        var sender = CustomMessageSender()
        var receiver = CustomMessageReceiver()
        var tasks: [Task<Void, Never>] = []
        /// The task sending the custom-message outbox, while one runs (kept apart from `tasks`,
        /// which would otherwise grow by one for every message sent into an empty outbox).
        var outboxTask: Task<Void, Never>?
        /// Set when `kicked` arrives: the connection's end is then no reason to reconnect.
        var removedByServer = false
        var upLoss = 0
        var rtt = 0
        var lastStatistics: (sent: UInt64, received: UInt64) = (0, 0)
    }

    let params: TRTCParams
    let scene: TRTCAppScene
    let settings: AudioSettings
    let dispatcher: EventDispatcher
    let logger: Logger
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let certificate: DTLSCertificate
    let dtlsContext: DTLSContext
    let localICE: ICEParameters
    let playout: PlayoutPipeline
    let state: NIOLockedValueBox<State>
    let sendPipeline = NIOLockedValueBox<SendPipeline?>(nil)
    let processor = NIOLockedValueBox<AudioProcessor?>(nil)
    let started = ContinuousClock.now
    /// When the last authenticated media packet arrived (`NIODeadline` uptime nanoseconds; 0 before any), for liveness.
    let lastMediaHeard = Atomic<UInt64>(0)
    /// A process-unique number, in the names of the stay's threads ("rtc-cap-N", "rtc-play-N").
    let number = RoomSession.counter.wrappingAdd(1, ordering: .relaxed).newValue
    private static let counter = Atomic<Int>(0)
    /// Called once the session has ended and reported `onExitRoom`.
    private let onEnded: @Sendable () -> Void

    /// How long `exitRoom` waits for the server's `leave.ok` before finishing locally.
    static let leaveTimeout: Duration = .seconds(1)
    /// How long the engine tries to reconnect before it gives up (`onError(ERR_DISCONNECTED)`, `onExitRoom(1)`).
    static let reconnectLimit: Duration = .seconds(30)
    /// How long one reconnection attempt may take to open the WebSocket and get `join.ok`: short,
    /// so that a path that comes back is tried again soon (TCP backs its SYN retries off to 3 s, 7 s, …).
    static let reconnectAttemptTimeout: Duration = .seconds(3)
    /// How long entering may take to open the WebSocket and get `join.ok`.
    static let enterTimeout: Duration = .seconds(10)

    init(
        params: TRTCParams, scene: TRTCAppScene, settings: AudioSettings, dispatcher: EventDispatcher, logger: Logger,
        onEnded: @escaping @Sendable () -> Void
    ) throws {
        self.params = params
        self.scene = scene
        self.settings = settings
        self.dispatcher = dispatcher
        self.logger = logger
        self.onEnded = onEnded
        certificate = try DTLSCertificate.generate()
        dtlsContext = try DTLSContext(certificate: certificate)
        localICE = ICEParameters(ufrag: Self.randomICE(8), pwd: Self.randomICE(24))
        playout = PlayoutPipeline(settings: settings, dispatcher: dispatcher, threadName: "rtc-play-\(number)")
        state = NIOLockedValueBox(State(role: params.role))
    }

    var phase: Phase { state.withLockedValue { $0.phase } }

    // MARK: Entering

    /// Connects signaling, joins, connects media, starts the pipelines; reports `onEnterRoom`.
    func enter(localAudio: TRTCAudioQuality?) async {
        state.withLockedValue { $0.localAudio = localAudio }
        do {
            let answer = try await connectAndJoin(resume: nil)
            try Task.checkCancellation()
            try await connectMedia(answer)
            try Task.checkCancellation()
            playout.start()
            let entered = state.withLockedValue { state -> Bool in
                guard state.phase == .entering else { return false }
                state.phase = .inRoom
                return true
            }
            guard entered else { return }
            try await startLocalAudioIfNeeded()
            let elapsed = Int((ContinuousClock.now - started) / .milliseconds(1))
            dispatcher.emit(.enterRoom(result: max(1, elapsed)))
            logger.info("entered", metadata: ["room": "\(roomDescription)", "user": "\(params.userId)", "ms": "\(elapsed)"])
            announce(answer.users)
            startBackgroundWork()
        } catch is CancellationError {
            return
        } catch {
            let (code, message) = Self.describe(error)
            logger.warning("enter failed: \(message)", metadata: ["room": "\(roomDescription)", "user": "\(params.userId)"])
            dispatcher.emit(.error(code: code, message: message))
            dispatcher.emit(.enterRoom(result: code.rawValue))
            await teardown(sendLeave: false, reason: nil)
        }
    }

    /// Opens a signaling connection and joins (or resumes) the room, each step within `timeout`.
    func connectAndJoin(resume: String?, timeout: Duration = RoomSession.enterTimeout) async throws -> JoinAnswer {
        let signaling: SignalingClient
        do {
            signaling = try await SignalingClient.connect(url: params.resolvedServerURL, group: group, logger: logger, timeout: timeout)
        } catch {
            throw EngineFailure(code: .ERR_TRTC_CONNECT_SERVER_TIMEOUT, message: "cannot reach \(params.resolvedServerURL): \(error)")
        }
        let role = state.withLockedValue { $0.role }
        let request = JoinRequest(
            sdkAppId: params.sdkAppId, userId: params.userId, userSig: params.userSig, roomId: params.roomId,
            strRoomId: params.roomId == 0 ? params.strRoomId : "", role: role.wire, scene: scene.wire, ice: localICE,
            dtls: DTLSParameters(fingerprint: certificate.fingerprint.description, setup: .active),
            client: ClientInfo(sdk: "RTCEngine-swift", version: RTCEngineVersion.current), resume: resume)
        let answer: ServerMessage
        do {
            answer = try await signaling.request(.join(request), timeout: timeout)
        } catch {
            signaling.close()
            throw error
        }
        guard case .joinOK(let joined) = answer else {
            signaling.close()
            throw EngineFailure(code: .ERR_TRTC_ENTER_ROOM_FAILED, message: "unexpected answer to join: \(answer.type)")
        }
        let previous = state.withLockedValue { state -> SignalingClient? in
            defer {
                state.signaling = signaling
                state.joinAnswer = joined
            }
            return state.signaling
        }
        previous?.close()
        return joined
    }

    /// Runs ICE and DTLS to the server's candidate.
    func connectMedia(_ answer: JoinAnswer) async throws {
        guard let candidate = answer.server.candidates.first else {
            throw EngineFailure(code: .ERR_TRTC_ENTER_ROOM_FAILED, message: "the server offered no media candidate")
        }
        let fingerprint: DTLSFingerprint
        do {
            fingerprint = try DTLSFingerprint(parsing: answer.server.dtls.fingerprint)
        } catch {
            throw EngineFailure(code: .ERR_TRTC_ENTER_ROOM_FAILED, message: "the server's DTLS fingerprint is invalid")
        }
        let media = try await MediaTransport.open(
            group: group, candidate: candidate, localICE: localICE, serverICE: answer.server.ice,
            serverFingerprint: fingerprint, context: dtlsContext, logger: logger)
        let old = state.withLockedValue { state -> MediaTransport? in
            defer { state.media = media }
            return state.media
        }
        await old?.close()
        do {
            _ = try await media.connect(heartbeat: .milliseconds(Int64(answer.heartbeatMs)), timeout: .seconds(10))
        } catch {
            throw EngineFailure(code: .ERR_TRTC_ENTER_ROOM_FAILED, message: "media path failed: \(error)")
        }
        let incoming = Task { [self] in
            for await packet in media.incoming {
                heardMedia()
                switch packet {
                case .rtp(let bytes): playout.receive(bytes)
                case .rtcp(let bytes): handleRTCP(bytes)
                }
            }
        }
        state.withLockedValue { $0.tasks.append(incoming) }
    }

    /// Tells the app about the members already in the room.
    func announce(_ members: [RoomMember]) {
        for member in members where member.userId != params.userId {
            handle(.userJoined(UserJoined(userId: member.userId, role: member.role)))
            for track in member.tracks where track.kind == .audio {
                handle(.streamPublished(StreamEvent(userId: member.userId, kind: .audio, ssrc: track.ssrc, muted: track.muted)))
            }
        }
    }

    // MARK: Local audio

    /// Publishes local audio when it is on and the role allows.
    func startLocalAudioIfNeeded() async throws {
        let (quality, ssrc, media, signaling, role) = state.withLockedValue { ($0.localAudio, $0.localSSRC, $0.media, $0.signaling, $0.role) }
        guard let quality, let media, let signaling, role == .anchor || !scene.isLive,
            sendPipeline.withLockedValue({ $0 == nil })
        else { return }
        let processor = try AudioProcessor(settings.processorConfiguration(sampleRate: quality.sampleRate, channels: quality.channels))
        let pipeline = SendPipeline(
            quality: quality, ssrc: ssrc, transport: media, settings: settings, dispatcher: dispatcher, processor: processor,
            threadName: "rtc-cap-\(number)")
        try pipeline.start()
        self.processor.withLockedValue { $0 = processor }
        sendPipeline.withLockedValue { $0 = pipeline }
        playout.farEnd.withLockedValue { farEnd in
            farEnd = (try? FormatConverter(
                inputRate: 48_000, inputChannels: 1, outputRate: quality.sampleRate, outputChannels: quality.channels)).map { (processor, $0) }
        }
        _ = try await signaling.request(.publish(PublishRequest(tracks: [
            TrackDescription(kind: .audio, ssrc: ssrc, codec: CodecDescription(name: "opus", payloadType: 111, clockRate: 48_000, channels: 2))
        ])))
        if settings.read(\.localMuted) {
            _ = try? await signaling.request(.mute(MuteRequest(kind: .audio, muted: true)))
        }
    }

    /// Stops publishing local audio.
    func stopLocalAudio() async {
        let pipeline = sendPipeline.withLockedValue { pipeline in defer { pipeline = nil }; return pipeline }
        guard let pipeline else { return }
        playout.farEnd.withLockedValue { $0 = nil }
        pipeline.stop()
        processor.withLockedValue { $0 = nil }
        let signaling = state.withLockedValue { $0.signaling }
        _ = try? await signaling?.request(.unpublish(UnpublishRequest(kinds: [.audio])))
    }

    // MARK: Exiting

    /// The exit path (overview.md): leave packets, stop and join every thread, free every handle,
    /// close the sockets, and only then `onExitRoom(reason)` (none when `reason` is nil).
    func teardown(sendLeave: Bool, reason: Int?) async {
        let proceed = state.withLockedValue { state -> Bool in
            guard state.phase != .exiting, state.phase != .exited else { return false }
            state.phase = .exiting
            return true
        }
        guard proceed else { return }
        let (signaling, media, tasks, ssrc) = state.withLockedValue { ($0.signaling, $0.media, $0.tasks + [$0.outboxTask].compactMap { $0 }, $0.localSSRC) }
        if sendLeave {
            if let bye = try? CompoundPacket(packets: [
                .receiverReport(ReceiverReport(ssrc: ssrc)), .goodbye(Goodbye(sources: [ssrc], reason: "exitRoom")),
            ]).serialized() {
                media?.sendRTCP(bye)
            }
            if let signaling {
                _ = try? await signaling.request(.leave, timeout: Self.leaveTimeout)
            }
        }
        for task in tasks { task.cancel() }
        let pipeline = sendPipeline.withLockedValue { pipeline in defer { pipeline = nil }; return pipeline }
        pipeline?.stop()
        playout.stop()
        processor.withLockedValue { $0 = nil }
        await media?.close()
        signaling?.close()
        if let signaling {
            _ = await withTaskGroup(of: Void.self) { group in
                group.addTask { _ = await signaling.waitUntilClosed() }
                group.addTask { try? await Task.sleep(for: .milliseconds(500)) }
                await group.next()
                group.cancelAll()
            }
        }
        try? await group.shutdownGracefully()
        state.withLockedValue { state in
            state.phase = .exited
            state.signaling = nil
            state.media = nil
            state.tasks = []
            state.outboxTask = nil
            state.users = [:]
        }
        logger.info("exited", metadata: ["room": "\(roomDescription)", "user": "\(params.userId)", "reason": "\(reason.map(String.init) ?? "-")"])
        if let reason { dispatcher.emit(.exitRoom(reason: reason)) }
        onEnded()
    }

    // MARK: Helpers

    /// The names of every OS thread this stay may run: its event loop's, "rtc-cap-N" and "rtc-play-N".
    var threadNames: [String] {
        let pattern = "\(group)".components(separatedBy: "threadPattern = ").last?.components(separatedBy: "*").first ?? "NIO-ELT-"
        return [pattern, "rtc-cap-\(number)", "rtc-play-\(number)"]
    }

    var roomDescription: String { params.roomId != 0 ? "\(params.roomId)" : "\"\(params.strRoomId)\"" }

    static func describe(_ error: any Error) -> (TXLiteAVError, String) {
        switch error {
        case let failure as EngineFailure: (failure.code, failure.message)
        case let reply as ErrorReply: (TXLiteAVError.from(reply.code), reply.message)
        case let timeout as RequestTimeout: (.ERR_REQUEST_SERVER_TIMEOUT, timeout.description)
        case let closed as ConnectionClosed: (.ERR_DISCONNECTED, closed.description)
        default: (.ERR_FAILED, "\(error)")
        }
    }

    private static func randomICE(_ count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}

/// A failure with the TRTC code to report it with.
struct EngineFailure: Error {
    var code: TXLiteAVError
    var message: String
}

extension TRTCAppScene {
    /// Whether only anchors publish and are visible.
    var isLive: Bool { self == .LIVE || self == .voiceChatRoom }
}

/// The engine's version, sent to the server in `join.client`.
public enum RTCEngineVersion {
    /// This build's version.
    public static let current = "0.1.0"
}
