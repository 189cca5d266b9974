import Foundation
import RTCEngine
import RTCTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Manual receive mode and the remote mute switches (api.md "Room" and "Audio"): muting stops
/// receiving, not only playback, so the server's forwarding counter is checked beside the frames.
@Suite("manual receive")
struct ManualReceiveTests {
    @Test("setDefaultStreamRecvMode(false): nothing until muteRemoteAudio(uid, false); mute and muteAll stop it again")
    func manualReceive() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (alice, _) = try await room.enter("alice", customCapture: true)
        alice.startLocalAudio(.default)
        let tone = startTone(alice, frequency: 440)
        defer { tone.cancel() }
        let (bob, bobEvents) = try await room.enter("bob") { $0.setDefaultStreamRecvMode(false, video: false) }
        try await bobEvents.wait(for: "alice's audio available") { $0 == .userAudioAvailable(userId: "alice", available: true) }

        // Manual mode: alice's stream is announced but neither forwarded nor played.
        try await Task.sleep(for: .seconds(1))
        try await Self.expectSilence(from: "alice", at: bobEvents, server: server, "before muteRemoteAudio(alice, false)")
        #expect(!bobEvents.events.contains(.firstAudioFrame(userId: "alice")))

        bob.muteRemoteAudio("alice", mute: false)
        try await Self.expectTone(440, from: "alice", at: bobEvents, "after muteRemoteAudio(alice, false)")
        #expect(bobEvents.events.contains(.firstAudioFrame(userId: "alice")))

        bob.muteRemoteAudio("alice", mute: true)
        try await Self.expectSilence(from: "alice", at: bobEvents, server: server, "after muteRemoteAudio(alice, true)")

        bob.muteRemoteAudio("alice", mute: false)
        try await Self.expectTone(440, from: "alice", at: bobEvents, "after muteRemoteAudio(alice, false) again")
        bob.muteAllRemoteAudio(true)
        try await Self.expectSilence(from: "alice", at: bobEvents, server: server, "after muteAllRemoteAudio(true)")
        bob.muteAllRemoteAudio(false)
        try await Self.expectTone(440, from: "alice", at: bobEvents, "after muteAllRemoteAudio(false)")

        tone.cancel()
        alice.exitRoom()
        bob.exitRoom()
        try await bobEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
    }

    @Test("muteAllRemoteAudio(true) holds for a user who publishes later; muteRemoteAudio is reset by exitRoom")
    func muteAllAndReset() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        // Alice and carol receive nothing themselves (manual mode), so the server's forwarding counter speaks of bob alone.
        let (alice, _) = try await room.enter("alice", customCapture: true) { $0.setDefaultStreamRecvMode(false, video: false) }
        alice.startLocalAudio(.default)
        let aliceTone = startTone(alice, frequency: 440)
        defer { aliceTone.cancel() }
        let (bob, bobEvents) = try await room.enter("bob")
        try await Self.expectTone(440, from: "alice", at: bobEvents, "in automatic mode")

        bob.muteAllRemoteAudio(true)
        let (carol, _) = try await room.enter("carol", customCapture: true) { $0.setDefaultStreamRecvMode(false, video: false) }
        carol.startLocalAudio(.default)
        let carolTone = startTone(carol, frequency: 660)
        defer { carolTone.cancel() }
        try await bobEvents.wait(for: "carol's audio available") { $0 == .userAudioAvailable(userId: "carol", available: true) }
        try await Self.expectSilence(from: "alice", at: bobEvents, server: server, "after muteAllRemoteAudio(true)")
        #expect(bobEvents.audio(from: "carol").isEmpty, "carol, who published after muteAllRemoteAudio(true), was received")

        bob.muteAllRemoteAudio(false)
        try await Self.expectTone(440, from: "alice", at: bobEvents, "after muteAllRemoteAudio(false)")
        try await Self.expectTone(660, from: "carol", at: bobEvents, "after muteAllRemoteAudio(false)")

        // A mute lasts one stay: after exitRoom and entering again, alice is received by default.
        bob.muteRemoteAudio("alice", mute: true)
        bob.exitRoom()
        try await bobEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
        bob.enterRoom(room.params("bob"), appScene: .audioCall)
        try await bobEvents.wait(until: "a second onEnterRoom") {
            bobEvents.events.filter { if case .enterRoom(let result) = $0 { result > 0 } else { false } }.count == 2
        }
        try await Self.expectTone(440, from: "alice", at: bobEvents, "after entering again")

        aliceTone.cancel()
        carolTone.cancel()
        for cloud in [alice, bob, carol] { cloud.exitRoom() }
        try await bobEvents.wait(until: "the second exit") { bobEvents.events.filter { $0 == .exitRoom(reason: 0) }.count == 2 }
    }

    /// Waits for signal in `userId`'s audio from now on and checks that it is the tone.
    static func expectTone(
        _ frequency: Double, from userId: String, at recorder: CloudRecorder, _ when: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let heard = try await recorder.waitForSignal(from: userId, after: recorder.audio(from: userId).count)
        #expect(abs(heard - frequency) < frequency * 0.05, "\(when): heard \(heard) Hz", sourceLocation: sourceLocation)
    }

    /// After a moment for packets in flight, checks that for 1.5 s neither frames of `userId`
    /// arrive nor the server forwards any packet (the recorder's cloud is the only subscriber).
    static func expectSilence(
        from userId: String, at recorder: CloudRecorder, server: ServerProcess, _ when: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await Task.sleep(for: .milliseconds(500))
        let frames = recorder.audio(from: userId).count
        let forwarded = try await forwardedPackets(server)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(recorder.audio(from: userId).count == frames, "\(when): audio kept arriving", sourceLocation: sourceLocation)
        #expect(try await forwardedPackets(server) == forwarded, "\(when): the server kept forwarding", sourceLocation: sourceLocation)
    }

    /// `rtc_rtp_forwarded_total` from the server's /metrics.
    static func forwardedPackets(_ server: ServerProcess) async throws -> Double {
        let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.httpPort)/metrics")!)
        let line = String(decoding: body, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("rtc_rtp_forwarded_total ") }
        return try #require(line?.split(separator: " ").last.flatMap { Double($0) })
    }
}
