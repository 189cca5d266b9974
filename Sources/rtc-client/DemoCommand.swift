import ArgumentParser
import Foundation
import Logging
import RTCEngine
import RTCServer
import RTCSignaling

/// `rtc-client demo`: an embedded room server and three clients in one process. Two talkers publish
/// tones (440 Hz and 660 Hz) through custom capture, a listener records the room; after a live status
/// every kind of exit happens in turn; finally the pitches the listener detected are checked.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a room in one process: server, two talkers, a listener, every kind of exit.",
        discussion: "Exits 0 only when the listener received both tones (detected pitch within 3 %) and every exit callback came.")

    @Option(help: "Seconds the talkers talk before the exits.")
    var duration: Double = 10

    @Option(help: "Where the listener records the mixed room audio.")
    var record = ".build/demo/room.wav"

    /// The talkers and the tones they send.
    static let talkers: [(userId: String, frequency: Double)] = [("talker-a", 440), ("talker-b", 660)]
    /// The room the demo runs in.
    static let roomId: UInt32 = 1234
    /// How long any one expected callback may take.
    static let callbackTimeout: Duration = .seconds(20)

    func validate() throws {
        guard duration >= 2 else { throw ValidationError("--duration must be at least 2 s (the pitch is measured on the last 2 s)") }
    }

    func run() async throws {
        let began = ContinuousClock.now
        let console = Console()
        let app = AppCredential(sdkAppId: UInt32.random(in: 1_400_000_000...1_499_999_999), secretKey: Self.randomHex())
        let apiKey = APICredential(secretId: "AKID" + Self.randomHex(), secretKey: Self.randomHex(), sdkAppIds: [app.sdkAppId])
        var configuration = ServerConfiguration()
        configuration.httpPort = 0
        configuration.mediaPort = 0
        configuration.apps = [app]
        configuration.apiKeys = [apiKey]
        var logger = Logger(label: "rtc-server")
        logger.logLevel = .warning
        let server = RoomServer(configuration: configuration, logger: logger)
        let addresses = try await server.start()
        console.line("room server: signaling \(addresses.signalingURL), media udp \(addresses.media), room \(Self.roomId)")
        do {
            let reports = try await runRoom(console: console, app: app, addresses: addresses, apiKey: apiKey)
            await server.shutdown()
            let seconds = Double((ContinuousClock.now - began) / .milliseconds(1)) / 1000
            console.line("demo finished in \(String(format: "%.1f", seconds)) s")
            let missing = reports.filter { !$0.arrived }.map(\.userId)
            guard missing.isEmpty else { throw ClientError.demoFailed("no tone detected from \(missing.joined(separator: ", "))") }
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// The room's story: enter, talk with a live status, the four exits, the report. Returns the listener's reports.
    private func runRoom(console: Console, app: AppCredential, addresses: ListeningAddresses, apiKey: APICredential) async throws -> [ReceivedAudioReport] {
        let issuer = UserSigIssuer(sdkAppId: app.sdkAppId, secretKey: app.secretKey)
        let params = { (userId: String) in
            TRTCParams(sdkAppId: app.sdkAppId, userId: userId, userSig: issuer.generate(userId: userId), roomId: Self.roomId, serverURL: addresses.signalingURL)
        }
        var problems: [String] = []

        console.line("--- the listener enters and records the room to \(record)")
        let listener = RoomClient(name: "listener", console: console, keepRemoteAudio: true)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: record).deletingLastPathComponent(), withIntermediateDirectories: true)
        try listener.record(to: record)
        listener.cloud.enableAudioVolumeEvaluation(true, with: TRTCAudioVolumeEvaluateParams(interval: 300))
        guard try await listener.enter(params("listener"), scene: .audioCall) else { throw ClientError.demoFailed("the listener left before entering") }

        console.line("--- two talkers enter and publish tones through custom capture")
        var talkers: [(client: RoomClient, pacer: CapturePacer)] = []
        for (userId, frequency) in Self.talkers {
            let talker = RoomClient(name: userId, console: console)
            talker.cloud.enableCustomAudioCapture(true)
            // A steady tone is what noise suppression is made to remove.
            talker.cloud.setNoiseSuppression(nil)
            guard try await talker.enter(params(userId), scene: .audioCall) else { throw ClientError.demoFailed("\(userId) left before entering") }
            talker.cloud.startLocalAudio(.default)
            talkers.append((talker, CapturePacer(cloud: talker.cloud, source: ToneSource(frequency: frequency))))
        }
        for (userId, _) in Self.talkers {
            guard await listener.wait(timeout: Self.callbackTimeout, for: { $0 == .firstAudioFrame(userId: userId) }) != nil else {
                throw ClientError.demoFailed("the listener played no audio of \(userId)")
            }
        }

        console.line("--- talking for \(Int(duration)) s (the listener's view)")
        let status = Task {
            while !Task.isCancelled {
                console.status(listener.statusLine)
                try? await Task.sleep(for: console.isTerminal ? .milliseconds(250) : .seconds(2))
            }
        }
        try? await Task.sleep(for: .seconds(duration))
        status.cancel()
        console.clearStatus()
        let reports = Self.talkers.map { ReceivedAudioReport(listener: listener, userId: $0.userId, sentFrequency: $0.frequency) }

        let (talkerA, talkerB) = (talkers[0], talkers[1])
        console.line("--- 1/4 talker-a calls exitRoom()")
        var mark = listener.eventCount
        await talkerA.pacer.stop()
        let reasonA = await talkerA.client.exit(timeout: Self.callbackTimeout)
        if reasonA != 0 { problems.append("talker-a: onExitRoom(\(reasonA.map(String.init) ?? "none")), expected 0") }
        await expect(listener, after: mark, .remoteUserLeaveRoom(userId: "talker-a", reason: 0), into: &problems)

        console.line("--- 2/4 the app's backend removes talker-b: RemoveUser over the REST API, TC3-HMAC-SHA256 signed")
        mark = listener.eventCount
        let markB = talkerB.client.eventCount
        let rest = RoomServiceClient(host: addresses.http, secretId: apiKey.secretId, secretKey: apiKey.secretKey)
        try await rest.call("RemoveUser", parameters: ["SdkAppId": Int(app.sdkAppId), "RoomId": Int(Self.roomId), "UserIds": ["talker-b"]])
        await expect(talkerB.client, after: markB, .exitRoom(reason: 1), into: &problems)
        await expect(listener, after: mark, .remoteUserLeaveRoom(userId: "talker-b", reason: 2), into: &problems)
        await talkerB.pacer.stop()

        console.line("--- 3/4 another client enters with the listener's user id")
        mark = listener.eventCount
        let successor = RoomClient(name: "listener (2nd)", console: console)
        guard try await successor.enter(params("listener"), scene: .audioCall) else { throw ClientError.demoFailed("the second listener left before entering") }
        let kicked = await listener.wait(after: mark, timeout: Self.callbackTimeout) {
            if case .warning(.WARNING_KICKED_BY_SAME_USER, _) = $0 { true } else { false }
        }
        if kicked == nil { problems.append("listener: no onWarning(WARNING_KICKED_BY_SAME_USER)") }
        await expect(listener, after: mark, .exitRoom(reason: 1), into: &problems)

        console.line("--- 4/4 the app's backend dismisses the room: DismissRoom over the REST API")
        let markSuccessor = successor.eventCount
        try await rest.call("DismissRoom", parameters: ["SdkAppId": Int(app.sdkAppId), "RoomId": Int(Self.roomId)])
        await expect(successor, after: markSuccessor, .exitRoom(reason: 2), into: &problems)

        console.line("--- what the listener received")
        for report in reports { console.line(report.line) }
        if let recording = listener.recordingSummary {
            console.line("room audio: \(String(format: "%.1f", recording.seconds)) s recorded to \(recording.path)")
            if let failure = recording.failure { problems.append("recording: \(failure)") }
        }
        guard problems.isEmpty else { throw ClientError.demoFailed(problems.joined(separator: "; ")) }
        return reports
    }

    /// Waits for `event` on `client` after its first `mark` callbacks; notes a problem when it does not come.
    private func expect(_ client: RoomClient, after mark: Int, _ event: TRTCEvent, into problems: inout [String]) async {
        guard await client.wait(after: mark, timeout: Self.callbackTimeout, for: { $0 == event }) == nil else { return }
        problems.append("\(client.name): no \(CallbackText.line(for: event) ?? "\(event)") within \(Self.callbackTimeout)")
    }

    /// 16 random bytes in hex: throwaway credentials for the embedded server.
    private static func randomHex() -> String {
        (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
