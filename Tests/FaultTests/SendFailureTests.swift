import Foundation
import RTCEngine
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension FaultTests {
    @Test("the server's sends toward one member fail for 2 s (EPERM from a firewall rule): the media port stays open, the other member hears on, both hear each other once the rule is gone")
    func sendFailure() async throws {
        let network = try FaultNetwork()
        defer { network.remove() }
        let server = try await NamespacedServer(in: network, userTimeout: 5)
        defer { server.kill() }
        let portsBefore = udpPorts()
        let alice = Member("alice")
        try await alice.enter(server, roomId: 65)
        let alicePorts = udpPorts().subtracting(portsBefore)
        let alicePort = try #require(alicePorts.count == 1 ? alicePorts.first : nil, "alice's UDP port among \(alicePorts)")
        let carol = Member("carol")
        try await carol.enter(server, roomId: 65)
        alice.cloud.startLocalAudio(.default)
        carol.cloud.startLocalAudio(.default)
        // Different pitches: each one's echo canceller would take the same tone for its own echo.
        let tones = [Task { await sendTone(alice.cloud, frequency: 440, duration: .seconds(60)) },
                     Task { await sendTone(carol.cloud, frequency: 700, duration: .seconds(60)) }]
        defer { tones.forEach { $0.cancel() } }
        try await carol.wait(for: "alice's audio") { $0 == .firstAudioFrame(userId: "alice") }
        try await alice.wait(for: "carol's audio") { $0 == .firstAudioFrame(userId: "carol") }
        // Frames counted, not their level: with both talking, each side's echo canceller and noise
        // suppressor attenuate a steady tone at times, which says nothing about the server.

        let carolAtBlock = carol.frames(from: "alice").count
        try network.failServerSends(toPort: alicePort)
        try await Task.sleep(for: .seconds(2))
        let carolDuring = carol.frames(from: "alice").count - carolAtBlock
        try await network.restore()
        let aliceAtRestore = alice.frames(from: "carol").count
        // Alice's address may stay paused for up to SendFailureGuard.pauseInterval (1 s) after the rule goes.
        try await Task.sleep(for: .seconds(3))
        let aliceAfter = alice.frames(from: "carol").count - aliceAtRestore
        let reopened = try await metric("rtc_media_port_reopened_total", of: server)
        let paused = try await metric("rtc_media_sends_paused_total", of: server)
        print(
            "sends toward alice failing for 2 s: carol got \(carolDuring) of alice's 100 frames meanwhile; alice got \(aliceAfter) of carol's",
            "150 in the 3 s after; the media port was bound again \(Int(reopened)) times, alice's address paused \(Int(paused)) times")
        #expect(reopened >= 1, "the sends never failed: the rule did not bite")
        // Paused for a second at a time, alice's address closes the port a few times, not on every batch (≈ 100).
        #expect(paused >= 1 && reopened <= 20, "the failing destination was not found: \(Int(reopened)) closes, \(Int(paused)) pauses")
        #expect(carolDuring >= 50, "carol stopped hearing alice while only alice's downlink failed")
        #expect(aliceAfter >= 50, "alice did not hear carol again once the rule was gone")
        for member in [alice, carol] {
            #expect(!member.events.contains { if case .remoteUserLeaveRoom = $0 { true } else { false } }, "\(member.userId): \(member.events)")
        }
        try await alice.exit()
        try await carol.exit()
    }

    /// The local UDP ports of this process's sockets (`ss`).
    private func udpPorts() -> Set<Int> {
        let lines = Shell.run("ss", ["-Huanp"]).output.split(separator: "\n").filter { $0.contains("pid=\(getpid()),") }
        return Set(lines.compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count > 3 ? fields[3].split(separator: ":").last.flatMap { Int($0) } : nil
        })
    }

    /// A counter's value from the server's /metrics.
    private func metric(_ name: String, of server: NamespacedServer) async throws -> Double {
        let url = try #require(URL(string: "http://\(server.host):\(server.httpPort)/metrics"))
        let (body, _) = try await URLSession.shared.data(from: url)
        let line = String(decoding: body, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("\(name) ") }
        return try #require(line?.split(separator: " ").last.flatMap { Double($0) }, "no \(name) in /metrics")
    }
}
