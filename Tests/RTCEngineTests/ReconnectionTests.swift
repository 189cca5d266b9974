import Foundation
import RTCSignaling
import RTCTestSupport
import RTCTransport
import Testing

@testable import RTCEngine

/// Reconnection: the server goes away and comes back.
@Suite("reconnection")
struct ReconnectionTests {
    @Test("rtc-server killed and restarted on the same ports: onConnectionLost → onTryToReconnect → onConnectionRecovery, and audio flows again")
    func serverRestart() async throws {
        let ports = try FreePorts.pick(udpCount: 2)
        let arguments = TestRoom.serverArguments + [
            "--http-port", "\(ports.tcp)", "--media-port", "\(ports.udp)", "--media-threads", "2",
        ]
        let server = try await ServerProcess(arguments: arguments, fixedPorts: true)
        let room = TestRoom(server: server)
        let (alice, aliceEvents) = try await room.enter("alice", customCapture: true)
        let (bob, bobEvents) = try await room.enter("bob")
        alice.startLocalAudio(.default)
        server.stop()
        try await aliceEvents.wait(for: "connection lost") { $0 == .connectionLost }
        try await aliceEvents.wait(for: "reconnecting") { $0 == .tryToReconnect }
        let restarted = try await ServerProcess(arguments: arguments, fixedPorts: true)
        defer { restarted.stop() }
        try await aliceEvents.wait(for: "recovered", timeout: .seconds(30)) { $0 == .connectionRecovery }
        try await bobEvents.wait(for: "recovered", timeout: .seconds(30)) { $0 == .connectionRecovery }
        let tone = Task { try await sendTone(alice, frequency: 550, duration: .seconds(3)) }
        try await bobEvents.wait(for: "alice's audio again", timeout: .seconds(20)) { _ in
            dominantFrequency(Array(bobEvents.audio(from: "alice").suffix(24_000))) > 500
        }
        tone.cancel()
        #expect(!aliceEvents.events.contains { if case .exitRoom = $0 { true } else { false } })
        alice.exitRoom()
        bob.exitRoom()
        try await aliceEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
        try await bobEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
    }

    @Test("events also arrive as an AsyncStream, in the delegate's order")
    func eventStream() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let cloud = TRTCCloud()
        let stream = cloud.events
        cloud.enterRoom(room.params("streamer"), appScene: .audioCall)
        var seen: [TRTCEvent] = []
        for await event in stream {
            if case .statistics = event { continue }
            if case .networkQuality = event { continue }
            seen.append(event)
            if case .enterRoom = event { cloud.exitRoom() }
            if case .exitRoom = event { break }
        }
        guard case .enterRoom(let result) = seen.first else {
            Issue.record("first event \(String(describing: seen.first))")
            return
        }
        #expect(result > 0)
        #expect(seen.last == .exitRoom(reason: 0))
    }

    @Test("invalid parameters: onError and onEnterRoom with TRTC's code, no connection made")
    func invalidParameters() async throws {
        let cloud = TRTCCloud()
        let recorder = CloudRecorder(name: "invalid")
        recorder.attach(to: cloud)
        var params = TRTCParams(sdkAppId: 1, userId: "bad user", userSig: "x", roomId: 1, serverURL: "ws://127.0.0.1:9/rtc/v1")
        cloud.enterRoom(params, appScene: .audioCall)
        try await recorder.wait(for: "-3319") { $0 == .enterRoom(result: -3319) }
        params.userId = "ok"
        params.roomId = 0
        cloud.enterRoom(params, appScene: .audioCall)
        try await recorder.wait(for: "-3318") { $0 == .enterRoom(result: -3318) }
        params.roomId = 5
        cloud.enterRoom(params, appScene: .audioCall)
        try await recorder.wait(for: "-3308", timeout: .seconds(30)) { $0 == .enterRoom(result: -3308) }
        #expect(recorder.events.filter { if case .error = $0 { true } else { false } }.count == 3)
    }
}

/// A TCP port and a run of UDP ports that were free a moment ago, below the kernel's ephemeral range
/// (32768–60999 by default), so that no other test's socket (all bound to port 0, every client connection
/// too) can be given one of them while a server is down between two starts.
enum FreePorts {
    static let range = 20_000..<32_000

    static func pick(udpCount: Int) throws -> (tcp: Int, udp: Int) {
        for _ in 0..<200 {
            let tcp = Int.random(in: range), udp = Int.random(in: range.lowerBound..<(range.upperBound - udpCount))
            guard tcpPortIsFree(tcp) else { continue }
            let bound = (0..<udpCount).compactMap { try? UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: UInt16(udp + $0))) }
            if bound.count == udpCount { return (tcp, udp) }
        }
        throw ProcessFailure(description: "no free TCP port and \(udpCount) consecutive UDP ports in \(range) after 200 tries")
    }

    private static func tcpPortIsFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

/// `startSpeedTest` against a real server: the probes come back through the SFU's loopback.
@Suite("speed test")
struct SpeedTestTests {
    @Test("onSpeedTestResult: success, an RTT, no loss on loopback, bandwidth near the expected one")
    func speedTest() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let cloud = TRTCCloud()
        let recorder = CloudRecorder(name: "speed")
        recorder.attach(to: cloud)
        let userId = "prober"
        cloud.startSpeedTest(TRTCSpeedTestParams(
            sdkAppId: TestRoom.sdkAppId, userId: userId,
            userSig: UserSigIssuer(sdkAppId: TestRoom.sdkAppId, secretKey: TestRoom.secretKey).generate(userId: userId),
            expectedUpBandwidth: 400, expectedDownBandwidth: 400, serverURL: server.signalingURL))
        let event = try await recorder.wait(for: "result", timeout: .seconds(30)) { if case .speedTestResult = $0 { true } else { false } }
        guard case .speedTestResult(let result) = event else { return }
        #expect(result.success, "\(result.errMsg)")
        #expect(result.upLostRate < 0.05 && result.downLostRate < 0.05)
        #expect(result.availableUpBandwidth > 200 && result.availableDownBandwidth > 200)
        #expect(result.quality != .unknown)
    }
}
