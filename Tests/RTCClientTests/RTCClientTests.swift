import Foundation
import RTCAudio
import RTCEngine
import RTCSignaling
import RTCTestSupport
import Testing

/// `rtc-client` as a user runs it: the built binary as a subprocess against a real `rtc-server` process.
@Suite("rtc-client", .serialized)
struct RTCClientTests {
    @Test("usersig prints a UserSig that verifies for that user, app and lifetime only")
    func userSig() async throws {
        let client = try ChildProcess.rtcClient(["usersig", "--app", "1400000123", "--secret", "k3y-for-tests", "--user", "alice", "--expire", "600"])
        #expect(try await client.exitStatus() == 0)
        let sig = client.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let issuer = UserSigIssuer(sdkAppId: 1_400_000_123, secretKey: "k3y-for-tests")
        let verified = try issuer.verify(sig, userId: "alice")
        #expect(verified.expire == 600)
        #expect(verified.identifier == "alice")
        #expect(throws: SignalingError.self) { try issuer.verify(sig, userId: "bob") }
        #expect(throws: SignalingError.self) { try UserSigIssuer(sdkAppId: 1_400_000_123, secretKey: "another-key").verify(sig, userId: "alice") }
    }

    @Test("join --duration 3: enters, records the room, leaves through exitRoom and exits 0")
    func joinForDuration() async throws {
        let server = try await ServerProcess()
        let recording = Self.temporaryPath("alone.wav")
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let alice = try ChildProcess.rtcClient(server.joinArguments("alice", room: 11, ["--duration", "3", "--record", recording]))
        #expect(try await alice.exitStatus() == 0, "\(alice.printed)")
        let out = alice.stdout
        #expect(out.contains("[alice] onEnterRoom("), "\(alice.printed)")
        #expect(out.contains("[alice] onSendFirstLocalAudioFrame()"), "\(alice.printed)")
        #expect(out.contains("[alice] 3 s elapsed: leaving the room"), "\(alice.printed)")
        #expect(out.contains("[alice] onExitRoom(0): exitRoom"), "\(alice.printed)")
        #expect(!out.contains("onEnterRoom(-"), "\(alice.printed)")
        let file = try WAVFile(contentsOf: recording)
        #expect(file.sampleRate == 48_000 && file.channels == 1)
        #expect(file.frameCount >= 48_000, "a 3 s stay recorded only \(file.frameCount) samples")
    }

    @Test("join --check-teardown while another member talks: after onExitRoom, no more threads and no UDP socket more than before enterRoom")
    func teardownLeavesNothing() async throws {
        let server = try await ServerProcess()
        let bob = try ChildProcess.rtcClient(server.joinArguments("bob", room: 17, ["--tone", "660"]))
        try await bob.waitForOutput("[bob] onSendFirstLocalAudioFrame()")
        let alice = try ChildProcess.rtcClient(server.joinArguments("alice", room: 17, ["--duration", "3", "--check-teardown"]))
        #expect(try await alice.exitStatus() == 0, "\(alice.printed)")
        #expect(alice.stdout.contains("[alice] onUserAudioAvailable(bob, true)"), "\(alice.printed)")
        #expect(alice.stdout.contains("[alice] onExitRoom(0): exitRoom"), "\(alice.printed)")
        let report = try #require(alice.stdout.split(separator: "\n").first { $0.hasPrefix("[alice] teardown: ") }, "\(alice.printed)")
        let numbers = report.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        // threads before, after; UDP sockets before, after; checked for ms.
        #expect(numbers.count == 5, "\(report)")
        if numbers.count == 5 {
            #expect(numbers[1] <= numbers[0], "\(report)")
            #expect(numbers[3] == numbers[2], "\(report)")
        }
        bob.send(SIGINT)
        #expect(try await bob.exitStatus() == 0, "\(bob.printed)")
    }

    @Test("a second client sees the first enter, publish the WAV it plays, and leave with reason 0")
    func secondClientSeesEnterAndLeave() async throws {
        let server = try await ServerProcess()
        let tone = Self.temporaryPath("tone-16k.wav")
        let recording = Self.temporaryPath("bob.wav")
        defer {
            try? FileManager.default.removeItem(atPath: tone)
            try? FileManager.default.removeItem(atPath: recording)
        }
        // 16 kHz: a rate custom capture accepts, so the engine resamples it to the codec's 48 kHz.
        let samples = (0..<16_000).map { Int16(8000 * sin(2 * Double.pi * 500 * Double($0) / 16_000)) }
        try WAVFile(sampleRate: 16_000, channels: 1, samples: samples).write(to: tone)
        let bob = try ChildProcess.rtcClient(server.joinArguments("bob", room: 12, ["--role", "audience", "--record", recording]))
        try await bob.waitForOutput("[bob] onEnterRoom(")
        let alice = try ChildProcess.rtcClient(server.joinArguments("alice", room: 12, ["--duration", "4", "--play", tone]))
        #expect(try await alice.exitStatus() == 0, "\(alice.printed)")
        #expect(alice.stdout.contains("[alice] publishing \(tone) (16000 Hz, mono, looped)"), "\(alice.printed)")
        try await bob.waitForOutput("[bob] onRemoteUserLeaveRoom(alice, 0): exit", timeout: .seconds(20))
        bob.send(SIGINT)
        #expect(try await bob.exitStatus() == 0, "\(bob.printed)")
        let out = bob.stdout
        let lines = out.split(separator: "\n").map(String.init)
        let entered = lines.firstIndex { $0.hasPrefix("[bob] onRemoteUserEnterRoom(alice)") }
        let available = lines.firstIndex { $0.hasPrefix("[bob] onUserAudioAvailable(alice, true)") }
        let left = lines.firstIndex { $0.hasPrefix("[bob] onRemoteUserLeaveRoom(alice, 0)") }
        #expect(entered != nil && available != nil && left != nil, "\(bob.printed)")
        if let entered, let left { #expect(entered < left) }
        #expect(out.contains("[bob] onExitRoom(0)"), "\(bob.printed)")
        let heard = Self.audible(try WAVFile(contentsOf: recording).samples)
        #expect(heard.count >= 48_000, "bob recorded only \(heard.count) audible samples")
        let pitch = Self.zeroCrossingFrequency(heard)
        #expect(abs(pitch - 500) < 25, "bob heard \(pitch) Hz, alice played 500 Hz")
    }

    @Test("SIGINT and SIGTERM leave through exitRoom: onExitRoom(0) is printed and the exit code is 0", arguments: [SIGINT, SIGTERM])
    func signalLeavesCleanly(signal: Int32) async throws {
        let server = try await ServerProcess()
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        let carol = try ChildProcess.rtcClient(server.joinArguments("carol", room: 13))
        try await carol.waitForOutput("[carol] onSendFirstLocalAudioFrame()")
        carol.send(signal)
        #expect(try await carol.exitStatus(timeout: .seconds(30)) == 0, "\(carol.printed)")
        let out = carol.stdout
        #expect(out.contains("[carol] \(name): leaving the room"), "\(carol.printed)")
        #expect(out.contains("[carol] onExitRoom(0): exitRoom"), "\(carol.printed)")
    }

    @Test("rtc-client killed with SIGKILL mid-call: the other member sees onRemoteUserLeaveRoom(user, 1) within the user timeout + 1 s")
    func killedClientTimesOut() async throws {
        let userTimeout = 2.0
        let server = try await ServerProcess(["--user-timeout", "\(Int(userTimeout))"])
        let observer = Observer()
        try await observer.enter(server, room: 14, as: "observer")
        let victim = try ChildProcess.rtcClient(server.joinArguments("victim", room: 14))
        try await observer.wait(for: "the victim's audio") { $0 == .firstAudioFrame(userId: "victim") }
        try await victim.waitForOutput("[victim] onRemoteUserEnterRoom(observer)")
        victim.send(SIGKILL)
        let killed = ContinuousClock.now
        #expect(try await victim.exitStatus() == SIGKILL)
        let (event, at) = try await observer.wait(for: "the victim's leave", timeout: .seconds(30)) {
            if case .remoteUserLeaveRoom("victim", _) = $0 { true } else { false }
        }
        let elapsed = at - killed
        print("SIGKILL → onRemoteUserLeaveRoom(victim, 1) after \(elapsed) (user timeout \(userTimeout) s)")
        #expect(event == .remoteUserLeaveRoom(userId: "victim", reason: 1))
        #expect(elapsed <= .seconds(userTimeout + 1), "the leave came \(elapsed) after the kill")
        #expect(elapsed >= .seconds(userTimeout - 0.5), "the leave came \(elapsed) after the kill: before the user timeout")
        observer.cloud.exitRoom()
        try await observer.wait(for: "onExitRoom") { $0 == .exitRoom(reason: 0) }
    }

    @Test("removed by the same user id entering elsewhere, then dismissed by DismissRoom: exit code 3 with a message each time")
    func removedAndDismissed() async throws {
        let server = try await ServerProcess()
        // --check-teardown: a forced exit must leave nothing behind either (exit code 4 if it did).
        let first = try ChildProcess.rtcClient(server.joinArguments("dave", room: 16, ["--check-teardown"]))
        try await first.waitForOutput("[dave] onEnterRoom(")
        let second = try ChildProcess.rtcClient(server.joinArguments("dave", room: 16, ["--duration", "120", "--check-teardown"]))
        #expect(try await first.exitStatus() == 3, "\(first.printed)")
        #expect(first.stdout.contains("[dave] onWarning(7002 WARNING_KICKED_BY_SAME_USER)"), "\(first.printed)")
        #expect(first.stdout.contains("[dave] onExitRoom(1): removed by the server"), "\(first.printed)")
        #expect(first.stderr.contains("removed from the room"), "\(first.printed)")
        #expect(first.stdout.contains("[dave] teardown: "), "\(first.printed)")
        try await second.waitForOutput("[dave] onSendFirstLocalAudioFrame()")
        try await server.callRoomService("DismissRoom", ["SdkAppId": Int(ServerProcess.sdkAppId), "RoomId": 16])
        #expect(try await second.exitStatus() == 3, "\(second.printed)")
        #expect(second.stdout.contains("[dave] onExitRoom(2): room dismissed"), "\(second.printed)")
        #expect(second.stderr.contains("the room was dismissed"), "\(second.printed)")
        #expect(second.stdout.contains("[dave] teardown: "), "\(second.printed)")
    }

    @Test("an entry the server refuses: a clear message and exit code 2")
    func enterRefused() async throws {
        let server = try await ServerProcess()
        let mallory = try ChildProcess.rtcClient(
            ["join", "--server", server.signalingURL, "--app", "\(ServerProcess.sdkAppId)", "--secret", "not-the-secret", "--room", "15", "--user", "mallory"])
        #expect(try await mallory.exitStatus() == 2, "\(mallory.printed)")
        #expect(mallory.stderr.contains("could not enter the room: ERR_TRTC_USER_SIG_CHECK_FAILED (-100018)"), "\(mallory.printed)")
    }

    @Test("demo: an embedded server, two talkers and a listener; both pitches detected, every exit kind seen; exit 0")
    func demo() async throws {
        let recording = Self.temporaryPath("demo-room.wav")
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let demo = try ChildProcess.rtcClient(["demo", "--duration", "3", "--record", recording])
        #expect(try await demo.exitStatus(timeout: .seconds(180)) == 0, "\(demo.printed)")
        let out = demo.stdout
        for talker in ["talker-a: sent 440 Hz, detected", "talker-b: sent 660 Hz, detected"] {
            let line = out.split(separator: "\n").first { $0.hasPrefix(talker) }
            #expect(line?.hasSuffix("OK") == true, "\(demo.printed)")
        }
        for expected in [
            "[listener] onRemoteUserLeaveRoom(talker-a, 0): exit", "[talker-b] onExitRoom(1): removed by the server",
            "[listener] onRemoteUserLeaveRoom(talker-b, 2): removed", "[listener] onWarning(7002 WARNING_KICKED_BY_SAME_USER)",
            "[listener] onExitRoom(1): removed by the server", "[listener (2nd)] onExitRoom(2): room dismissed",
        ] {
            #expect(out.contains(expected), "missing \(expected)\n\(demo.printed)")
        }
        #expect(try WAVFile(contentsOf: recording).frameCount > 48_000)
    }

    /// A fresh path in the temporary directory.
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rtc-client-\(UUID().uuidString)-\(name)").path
    }

    /// The 20 ms blocks of a 48 kHz recording that are clearly above silence, joined.
    static func audible(_ samples: [Int16]) -> [Int16] {
        stride(from: 0, to: samples.count - 960, by: 960).flatMap { start -> ArraySlice<Int16> in
            var meter = LevelMeter()
            meter.add(Array(samples[start..<start + 960]))
            return meter.dbfs > -40 ? samples[start..<start + 960] : []
        }
    }

    /// The frequency of a tone by its zero crossings.
    static func zeroCrossingFrequency(_ samples: [Int16], sampleRate: Double = 48_000) -> Double {
        guard samples.count > 1 else { return 0 }
        var crossings = 0
        for i in 1..<samples.count where (samples[i - 1] < 0) != (samples[i] < 0) { crossings += 1 }
        return Double(crossings) / 2 / (Double(samples.count) / sampleRate)
    }
}
