import ArgumentParser
import Foundation
import RTCEngine
import RTCSignaling
import NIOConcurrencyHelpers

/// `rtc-client join`: enters a room through `TRTCCloud`, publishes a WAV file or a tone through
/// custom capture, records the mixed room audio, shows a live status line and prints every callback.
struct JoinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join a room: publish a WAV file or a tone, record the room, print every callback.",
        discussion: """
            Exit codes: 0 after --duration, Ctrl-C or SIGTERM (each leaves through exitRoom), or when the \
            stay ends with onExitRoom(0); 3 when the server removed the user or dismissed the room; \
            2 when entering failed; 4 when --check-teardown found an engine thread or UDP socket left \
            after onExitRoom; 1 for other errors, or a second Ctrl-C while leaving (quits at once).
            """)

    @Option(help: "The signaling endpoint.")
    var server = "ws://127.0.0.1:7880/rtc/v1"

    @Option(name: .customLong("app"), help: "The SdkAppId.")
    var sdkAppId: UInt32

    @Option(help: "The app's secret key: the UserSig is made from it (or give --usersig).")
    var secret: String?

    @Option(name: .customLong("usersig"), help: "A UserSig issued by the app's backend, instead of --secret.")
    var userSig: String?

    @Option(help: "A numeric room id, 1…4294967294.")
    var room: UInt32?

    @Option(name: .customLong("str-room"), help: "A string room id (used when --room is not given).")
    var strRoom: String?

    @Option(help: "The user id.")
    var user: String

    @Option(help: "A 16-bit PCM WAV file to publish, looped, in real time.")
    var play: String?

    @Option(help: "The tone to publish when no --play is given, in Hz (noise suppression is off for it).")
    var tone: Double = 440

    @Option(help: "Record the mixed room audio (48 kHz mono) to this WAV file.")
    var record: String?

    @Option(help: "Leave after this many seconds (default: stay until Ctrl-C, SIGTERM or the room ends).")
    var duration: Double?

    @Option(help: "anchor (publishes) or audience (listens only).")
    var role: RoleOption = .anchor

    @Option(help: "call (everyone is visible) or live (only anchors are visible).")
    var scene: SceneOption = .call

    @Flag(help: "After onExitRoom, check that the process has no more threads and no UDP socket more than before entering.")
    var checkTeardown = false

    func validate() throws {
        guard (secret == nil) != (userSig == nil) else { throw ValidationError("give exactly one of --secret and --usersig") }
        guard room != nil || strRoom != nil else { throw ValidationError("give --room or --str-room") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be positive") }
        guard tone > 0, tone < 24_000 else { throw ValidationError("--tone must be between 0 and 24000 Hz") }
    }

    func run() async throws {
        let console = Console()
        let client = RoomClient(name: user, console: console)
        let source: (any AudioSource)? = role == .audience ? nil : try play.map { try WAVLoopSource(path: $0) } ?? ToneSource(frequency: tone)
        if let source {
            client.cloud.enableCustomAudioCapture(true)
            // A steady tone is what noise suppression is made to remove: keep it for real recordings.
            if source is ToneSource { client.cloud.setNoiseSuppression(nil) }
        }
        client.cloud.enableAudioVolumeEvaluation(true, with: TRTCAudioVolumeEvaluateParams(interval: 300))
        if let record { try client.record(to: record) }

        let leaving = NIOLockedValueBox<String?>(nil)
        let leave: @Sendable (String) -> Bool = { why in
            guard leaving.withLockedValue({ reason in defer { reason = reason ?? why }; return reason == nil }) else { return false }
            console.line("[\(user)] \(why): leaving the room")
            client.cloud.exitRoom()
            return true
        }
        let watcher = SignalWatcher { name in
            guard !leave(name) else { return }
            console.line("[\(user)] \(name) while leaving: quitting without waiting for onExitRoom")
            Foundation.exit(1)
        }
        defer { watcher.cancel() }

        let roomName = room.map(String.init) ?? "\"\(strRoom ?? "")\""
        console.line("[\(user)] entering room \(roomName) at \(server) as \(role.rawValue) (\(scene.rawValue))")
        let start = client.eventCount
        let beforeEntering = ProcessResources.current()
        var pacer: CapturePacer?
        var status: Task<Void, Never>?
        var timer: Task<Void, Never>?
        if try await client.enter(params, scene: scene.appScene) {
            if let source {
                client.cloud.startLocalAudio(.default)
                console.line("[\(user)] publishing \(source.description)")
                pacer = CapturePacer(cloud: client.cloud, source: source)
            }
            if let record { console.line("[\(user)] recording the room to \(record)") }
            status = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: console.isTerminal ? .milliseconds(250) : .seconds(2))
                    if !Task.isCancelled { console.status(client.statusLine) }
                }
            }
            if let duration {
                timer = Task {
                    try? await Task.sleep(for: .seconds(duration))
                    if !Task.isCancelled { _ = leave("\(Self.seconds(duration)) s elapsed") }
                }
            }
        }
        let reason = await client.exitReason(after: start, timeout: .seconds(Int64(Int32.max)))
        timer?.cancel()
        status?.cancel()
        await pacer?.stop()
        console.clearStatus()
        if let summary = client.recordingSummary {
            if let failure = summary.failure { throw ClientError.recordingFailed(path: summary.path, reason: failure) }
            console.line("[\(user)] recorded \(String(format: "%.1f", summary.seconds)) s of the room to \(summary.path)")
        }
        if checkTeardown, reason != nil { try await Self.checkTeardown(since: beforeEntering, console: console, user: user) }
        guard let reason, reason != 0 else { return }
        let events = client.events
        let detail =
            if reason == 2 {
                "the room was dismissed"
            } else if events.contains(where: { if case .error(.ERR_DISCONNECTED, _) = $0 { true } else { false } }) {
                "the connection to the server was lost and could not be recovered"
            } else if events.contains(where: { if case .warning(.WARNING_KICKED_BY_SAME_USER, _) = $0 { true } else { false } }) {
                "removed from the room: the same user id entered it elsewhere"
            } else {
                "removed from the room by the server (RemoveUser)"
            }
        throw ClientError.removed(reason: reason, detail: detail)
    }

    /// Compares the threads and UDP sockets with those before entering, for up to 10 s after `onExitRoom`,
    /// and prints the result. The engine's own threads are joined before `onExitRoom`; what can linger is a
    /// libdispatch worker that delivered callbacks, which its pool ends ≈ 3 s after it goes idle
    /// (later on a loaded machine, or under a sanitizer).
    private static func checkTeardown(since before: ProcessResources, console: Console, user: String) async throws {
        let exited = ContinuousClock.now
        let deadline = exited + .seconds(10)
        var after = ProcessResources.current()
        while after.threads.count > before.threads.count || !after.newUDPSockets(since: before).isEmpty,
            ContinuousClock.now < deadline
        {
            try? await Task.sleep(for: .milliseconds(50))
            after = ProcessResources.current()
        }
        let sockets = after.newUDPSockets(since: before).count
        console.line(
            "[\(user)] teardown: \(before.threads.count) threads before enterRoom, \(after.threads.count) after onExitRoom; "
                + "\(before.udpSockets.count) UDP sockets before, \(after.udpSockets.count) after "
                + "(checked for \(Int((ContinuousClock.now - exited) / .milliseconds(1))) ms)")
        guard after.threads.count <= before.threads.count, sockets == 0 else {
            throw ClientError.teardownIncomplete(threads: after.newThreads(since: before), udpSockets: sockets)
        }
    }

    /// The enter parameters, with a UserSig made from --secret when no --usersig is given.
    private var params: TRTCParams {
        var params = TRTCParams()
        params.sdkAppId = sdkAppId
        params.userId = user
        params.userSig = userSig ?? UserSigIssuer(sdkAppId: sdkAppId, secretKey: secret ?? "").generate(userId: user)
        params.roomId = room ?? 0
        params.strRoomId = strRoom ?? ""
        params.role = role.roleType
        params.serverURL = server
        return params
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// `--role`: anchor or audience.
enum RoleOption: String, ExpressibleByArgument, CaseIterable {
    case anchor, audience

    /// The engine's role.
    var roleType: TRTCRoleType { self == .anchor ? .anchor : .audience }
}

/// `--scene`: a call (everyone is visible) or a live room (only anchors are visible).
enum SceneOption: String, ExpressibleByArgument, CaseIterable {
    case call, live

    /// The engine's scene: an audio call or a voice chat room.
    var appScene: TRTCAppScene { self == .call ? .audioCall : .voiceChatRoom }
}
