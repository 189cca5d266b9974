import Foundation
import RTCEngine
import RTCTestSupport
import Testing

extension FaultTests {
    @Test("rtc-server killed and restarted in its namespace on the same ports: both clients report the loss, come back, and leave no engine thread")
    func serverRestart() async throws {
        let network = try FaultNetwork()
        defer { network.remove() }
        let first = try await NamespacedServer(in: network, userTimeout: 6)
        defer { first.kill() }
        let threadsBefore = engineThreads()
        let alice = Member("alice")
        let carol = Member("carol")
        try await alice.enter(first, roomId: 64)
        try await carol.enter(first, roomId: 64)
        alice.cloud.startLocalAudio(.default)
        let tone = Task { await sendTone(alice.cloud, frequency: 440, duration: .seconds(60)) }
        defer { tone.cancel() }
        try await carol.wait(for: "alice's audio") { $0 == .firstAudioFrame(userId: "alice") }

        let killed = ContinuousClock.now
        first.kill()
        for member in [alice, carol] {
            try await member.wait(for: "onConnectionLost", timeout: .seconds(10)) { $0 == .connectionLost }
            try await member.wait(for: "onTryToReconnect", timeout: .seconds(10)) { $0 == .tryToReconnect }
        }
        let second = try await NamespacedServer(in: network, userTimeout: 6, httpPort: first.httpPort, mediaPort: first.mediaPort)
        defer { second.kill() }
        let restarted = ContinuousClock.now
        var recoveries: [String] = []
        for member in [alice, carol] {
            let (_, at) = try await member.wait(for: "onConnectionRecovery", timeout: .seconds(20)) { $0 == .connectionRecovery }
            recoveries.append("\(member.userId) \(seconds(at - restarted))")
        }
        let framesAtRecovery = carol.frames(from: "alice").count
        try await carol.wait(for: "alice's tone again", timeout: .seconds(15)) { _ in
            carol.frames(from: "alice").dropFirst(framesAtRecovery).filter(hasSignal).count >= 50
        }
        print("rtc-server restarted \(seconds(restarted - killed)) after the kill; recovered after the restart: \(recoveries.joined(separator: ", "))")
        #expect(!alice.events.contains { if case .exitRoom = $0 { true } else { false } })

        try await alice.exit()
        try await carol.exit()
        let deadline = ContinuousClock.now + .seconds(5)
        while engineThreads() != threadsBefore, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(engineThreads() == threadsBefore, "engine threads before \(threadsBefore), after exit \(engineThreads())")
    }

    @Test("rtc-client killed with SIGKILL mid-call across the veth: the other member sees onRemoteUserLeaveRoom(user, 1) within the user timeout + 1 s")
    func killedClient() async throws {
        let userTimeout = 2
        let network = try FaultNetwork()
        defer { network.remove() }
        let server = try await NamespacedServer(in: network, userTimeout: userTimeout)
        defer { server.kill() }
        let observer = Member("observer")
        try await observer.enter(server, roomId: 65)
        let victim = try ChildProcess.rtcClient(in: network, server: server, userId: "victim", roomId: 65)
        try await observer.wait(for: "the victim's audio", timeout: .seconds(30)) { $0 == .firstAudioFrame(userId: "victim") }
        try await victim.waitForOutput("[victim] onRemoteUserEnterRoom(observer)")
        victim.send(SIGKILL)
        let killed = ContinuousClock.now
        #expect(try await victim.exitStatus() == SIGKILL)
        let (event, at) = try await observer.wait(for: "the victim's leave", timeout: .seconds(Double(userTimeout) + 10)) {
            if case .remoteUserLeaveRoom("victim", _) = $0 { true } else { false }
        }
        print("SIGKILL → onRemoteUserLeaveRoom(victim, 1) after \(seconds(at - killed)) (user timeout \(userTimeout) s)")
        #expect(event == .remoteUserLeaveRoom(userId: "victim", reason: 1))
        #expect(at - killed <= .seconds(Double(userTimeout) + 1))
        try await observer.exit()
    }

    /// The engine's threads in this process by kind: event loops, capture and playout.
    private func engineThreads() -> [String: Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        var counts = ["NIO-ELT": 0, "rtc-cap": 0, "rtc-play": 0]
        for task in tasks {
            guard let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8) else { continue }
            for prefix in counts.keys where name.hasPrefix(prefix) { counts[prefix, default: 0] += 1 }
        }
        return counts
    }
}
