import Foundation
import RTCEngine
import RTCTestSupport
import Testing

extension FaultTests {
    // User timeout 5 s: the engine's liveness bound is then 2.5 s (RoomSession.livenessBound), so a
    // 3 s cut is noticed while it lasts, and the session can still be resumed after it.
    @Test("link cut for 3 s (user timeout 5 s): onConnectionLost → onTryToReconnect → onConnectionRecovery, the other member sees no leave")
    func shortCut() async throws {
        let network = try FaultNetwork()
        defer { network.remove() }
        let server = try await NamespacedServer(in: network, userTimeout: 5)
        defer { server.kill() }
        let alice = Member("alice")
        try await alice.enter(server, roomId: 62)
        alice.cloud.startLocalAudio(.default)
        // Not bob's 440 Hz: his echo canceller would take alice's tone for the echo of his own.
        let tone = Task { await sendTone(alice.cloud, frequency: 700, duration: .seconds(60)) }
        defer { tone.cancel() }
        let bob = try ChildProcess.rtcClient(in: network, server: server, userId: "bob", roomId: 62)
        try await bob.waitForOutput("[bob] onFirstAudioFrame(alice)", timeout: .seconds(30))
        try await alice.wait(for: "bob's audio") { $0 == .firstAudioFrame(userId: "bob") }

        let cut = ContinuousClock.now
        try await network.cut()
        try await Task.sleep(for: .seconds(3))
        try await network.restore()
        let restored = ContinuousClock.now
        let (_, lost) = try await alice.wait(for: "onConnectionLost", timeout: .seconds(10)) { $0 == .connectionLost }
        let (_, trying) = try await alice.wait(for: "onTryToReconnect", timeout: .seconds(10)) { $0 == .tryToReconnect }
        let (_, recovered) = try await alice.wait(for: "onConnectionRecovery", timeout: .seconds(20)) { $0 == .connectionRecovery }
        let framesAtRecovery = alice.frames(from: "bob").count
        // Past the user timeout counted from the cut: a leave the server sent would have arrived by now.
        try await Task.sleep(until: max(cut + .seconds(7), recovered + .seconds(2)))
        let bobOutput = bob.stdout
        let framesAfter = Array(alice.frames(from: "bob").dropFirst(framesAtRecovery))
        print(
            "3 s cut: onConnectionLost \(seconds(lost - cut)) after the cut, onConnectionRecovery \(seconds(recovered - restored)) after the link came back;",
            "\(framesAfter.filter(hasSignal).count) frames of bob's tone since")
        #expect(lost < trying && trying < recovered)
        #expect(!bobOutput.contains("onRemoteUserLeaveRoom(alice"), "bob saw alice leave:\n\(bobOutput)")
        #expect(!alice.events.contains { if case .remoteUserLeaveRoom = $0 { true } else { false } }, "alice saw a leave: \(alice.events)")
        #expect(!alice.events.contains { if case .exitRoom = $0 { true } else { false } })
        #expect(continuity(framesAfter) > 0.5, "bob's audio did not come back: \(continuity(framesAfter)) \(alice.events)")
        try await alice.exit()
        bob.send(SIGINT)
        _ = try await bob.exitStatus(timeout: .seconds(10))
    }

    @Test("link cut past the user timeout: the other member sees reason 1, the cut client reports the loss, comes back as new and can enter again")
    func longCut() async throws {
        let userTimeout = 4
        let network = try FaultNetwork()
        defer { network.remove() }
        let server = try await NamespacedServer(in: network, userTimeout: userTimeout)
        defer { server.kill() }
        let alice = Member("alice")
        try await alice.enter(server, roomId: 63)
        let bob = try ChildProcess.rtcClient(in: network, server: server, userId: "bob", roomId: 63)
        try await bob.waitForOutput("[bob] onRemoteUserEnterRoom(alice)", timeout: .seconds(30))
        try await alice.wait(for: "bob's audio") { $0 == .firstAudioFrame(userId: "bob") }

        let cut = ContinuousClock.now
        try await network.cut()
        try await bob.waitForOutput("[bob] onRemoteUserLeaveRoom(alice, 1)", timeout: .seconds(Double(userTimeout) + 5))
        let evicted = ContinuousClock.now
        let (_, lost) = try await alice.wait(for: "onConnectionLost", timeout: .seconds(10)) { $0 == .connectionLost }
        try await Task.sleep(until: cut + .seconds(Double(userTimeout) + 3))
        try await network.restore()
        let restored = ContinuousClock.now
        let (_, recovered) = try await alice.wait(for: "onConnectionRecovery", timeout: .seconds(20)) { $0 == .connectionRecovery }
        try await bob.waitForOutput("[bob] onRemoteUserEnterRoom(alice)", occurrences: 2, timeout: .seconds(10))
        print(
            "cut past the \(userTimeout) s user timeout: bob saw onRemoteUserLeaveRoom(alice, 1) \(seconds(evicted - cut)) after the cut,",
            "alice onConnectionLost after \(seconds(lost - cut)), back as a new member \(seconds(recovered - restored)) after the link came back")
        #expect(evicted - cut <= .seconds(Double(userTimeout) + 1.5))
        #expect(lost < recovered)
        #expect(!alice.events.contains { if case .remoteUserLeaveRoom = $0 { true } else { false } }, "bob never left: \(alice.events)")

        try await alice.exit()
        try await bob.waitForOutput("[bob] onRemoteUserLeaveRoom(alice, 0)", timeout: .seconds(10))
        let start = ContinuousClock.now
        try await alice.enter(server, roomId: 63)
        try await bob.waitForOutput("[bob] onRemoteUserEnterRoom(alice)", occurrences: 3, timeout: .seconds(10))
        try await alice.wait(for: "bob's audio after entering again", after: start) { $0 == .firstAudioFrame(userId: "bob") }
        try await alice.exit()
        bob.send(SIGINT)
        _ = try await bob.exitStatus(timeout: .seconds(10))
    }
}
