import Foundation
import RTCEngine
import Testing

extension FaultTests {
    @Test("20 % loss and 50 ms ± 20 ms jitter on the uplink: audio keeps arriving, statistics show the loss, reliable messages arrive once and in order")
    func lossAndJitter() async throws {
        let network = try FaultNetwork()
        defer { network.remove() }
        let server = try await NamespacedServer(in: network, userTimeout: 6)
        defer { server.kill() }
        let alice = Member("alice")
        let bob = Member("bob")
        try await alice.enter(server, roomId: 61)
        try await bob.enter(server, roomId: 61)
        alice.cloud.startLocalAudio(.default)
        let tone = Task { await sendTone(alice.cloud, frequency: 440, duration: .seconds(60)) }
        defer { tone.cancel() }
        try await bob.wait(for: "alice's audio") { $0 == .firstAudioFrame(userId: "alice") }

        try await network.shape(lossPercent: 20, delayMs: 50, jitterMs: 20)
        print("shaped with \(network.impairmentDescription)")
        let shaped = ContinuousClock.now
        let framesBefore = bob.frames(from: "alice").count
        let messages = (0..<40).map { "message \($0)" }
        for message in messages {
            #expect(alice.cloud.sendCustomCmdMsg(1, data: Data(message.utf8), reliable: true, ordered: true))
            try await Task.sleep(for: .milliseconds(250))
        }
        let window = ContinuousClock.now - shaped
        let received = Array(bob.frames(from: "alice").dropFirst(framesBefore))
        try await network.restore()

        let expectedFrames = Int(window / .milliseconds(20))
        let withSignal = received.filter(hasSignal).count
        let share = Double(withSignal) / Double(max(1, expectedFrames))
        try await bob.wait(for: "the 40 messages", timeout: .seconds(30)) { _ in
            bob.events.filter { if case .customCmdMsg = $0 { true } else { false } }.count >= messages.count
        }
        try await Task.sleep(for: .seconds(1))
        let delivered = bob.events.compactMap { event -> String? in
            guard case .customCmdMsg("alice", 1, _, let data) = event else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        let aliceStatistics = statistics(of: alice, from: shaped, through: shaped + window + .seconds(2))
        let bobStatistics = statistics(of: bob, from: shaped, through: shaped + window + .seconds(2))
        let upLoss = aliceStatistics.map(\.upLoss).max() ?? 0
        let rtt = aliceStatistics.map(\.rtt).max() ?? 0
        let downLoss = bobStatistics.map(\.downLoss).max() ?? 0
        let remote = bobStatistics.flatMap(\.remoteStatistics).filter { $0.userId == "alice" }
        let concealment = remote.map(\.audioBlockRate).max() ?? 0
        let packetLoss = remote.map(\.audioPacketLoss).max() ?? 0
        print(
            "continuity \(Int(share * 100)) % (\(withSignal) of \(expectedFrames) 20 ms frames with signal in \(seconds(window)), \(received.count) frames delivered) with 20 % uplink loss;",
            "alice upLoss ≤ \(upLoss) %, rtt ≤ \(rtt) ms, bob downLoss ≤ \(downLoss) %, alice's stream at bob: packet loss ≤ \(packetLoss) %,",
            "concealed (PLC/FEC) blocks ≤ \(concealment) %; \(delivered.count) messages delivered")

        // Generous: 20 % of the packets never arrive and concealment fades; a stall would be near 0.
        #expect(share > 0.5, "continuity \(share)")
        #expect(upLoss >= 5, "alice's statistics: \(aliceStatistics.map(\.upLoss))")
        // Her Sender Reports take the delayed uplink, the server's answers come straight back.
        if network.delays { #expect(rtt >= 30, "alice's round-trip times: \(aliceStatistics.map(\.rtt))") }
        #expect(downLoss >= 5, "bob's statistics: \(bobStatistics.map(\.downLoss))")
        #expect(concealment > 0, "no concealment reported under loss: \(remote.map(\.audioBlockRate))")
        #expect(delivered == messages, "delivered \(delivered)")
        #expect(!alice.events.contains(.connectionLost) && !bob.events.contains(.connectionLost), "loss alone was taken for a lost connection")
        try await alice.exit()
        try await bob.exit()
    }

    /// The `onStatistics` reports a member got between two instants.
    private func statistics(of member: Member, from start: ContinuousClock.Instant, through end: ContinuousClock.Instant) -> [TRTCStatistics] {
        member.timeline.compactMap { entry in
            guard entry.at >= start, entry.at <= end, case .statistics(let statistics) = entry.event else { return nil }
            return statistics
        }
    }
}
