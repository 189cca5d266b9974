import Foundation
import RTCSignaling
import RTCTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import RTCEngine

/// The exit path (overview.md), end to end against a real `rtc-server` process.
@Suite("exit path")
struct ExitPathTests {
    @Test("exitRoom: onExitRoom(0) once, on the delegate queue, after every engine thread and socket is gone")
    func exitJoinsEverything() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (cloud, recorder) = try await room.enter("alice", customCapture: true)
        cloud.startLocalAudio(.default)
        try await sendTone(cloud, frequency: 440, duration: .milliseconds(400))
        try await recorder.wait(for: "onSendFirstLocalAudioFrame") { $0 == .sendFirstLocalAudioFrame }
        let session = try #require(cloud.currentSession)
        let names = session.threadNames
        let port = try #require(session.state.withLockedValue { $0.media }?.localPort)
        #expect(ProcessInspector.threadNames.contains(names[1]))
        #expect(ProcessInspector.threadNames.contains(names[2]))
        cloud.exitRoom()
        try await recorder.wait(for: "onExitRoom") { $0 == .exitRoom(reason: 0) }
        let remaining = ProcessInspector.threadNames
        // Other tests run engines in this process at the same time: match this stay's threads exactly
        // ("rtc-cap-1" must not match "rtc-cap-12"); its event loop's threads are "NIO-ELT-<group>-#<n>".
        #expect(names[0].hasSuffix("-#"), "the event loop's thread pattern was not found: \(names[0])")
        #expect(!remaining.contains { $0.hasPrefix(names[0]) }, "a thread of \(names[0])* is still running")
        for name in names.dropFirst() {
            #expect(!remaining.contains(name), "thread \(name) is still running")
        }
        #expect(!Self.udpPortOpen(port), "the media socket on port \(port) is still open")
        cloud.exitRoom()
        try await Task.sleep(for: .milliseconds(300))
        #expect(recorder.events.filter { if case .exitRoom = $0 { true } else { false } }.count == 1)
        #expect(recorder.callbacksOffQueue == 0)
        #expect(!recorder.events.contains(.connectionLost), "a normal exit was reported as a lost connection")
        #expect(!recorder.events.contains(.tryToReconnect))
    }

    @Test("exitRoom before enterRoom, or twice: no crash and no callback")
    func exitWithoutRoom() async throws {
        let cloud = TRTCCloud()
        let recorder = CloudRecorder(name: "idle")
        recorder.attach(to: cloud)
        cloud.exitRoom()
        cloud.exitRoom()
        try await Task.sleep(for: .milliseconds(300))
        #expect(recorder.events.isEmpty)
    }

    @Test("the other member sees onUserAudioAvailable(false) then onRemoteUserLeaveRoom(reason 0)")
    func remoteSeesExit() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (alice, _) = try await room.enter("alice", customCapture: true)
        let (bob, bobEvents) = try await room.enter("bob")
        alice.startLocalAudio(.default)
        try await bobEvents.wait(for: "alice's audio") { $0 == .userAudioAvailable(userId: "alice", available: true) }
        alice.exitRoom()
        try await bobEvents.wait(for: "alice's leave") { $0 == .remoteUserLeaveRoom(userId: "alice", reason: 0) }
        let aboutAlice = bobEvents.events.filter {
            switch $0 {
            case .userAudioAvailable(let user, _), .remoteUserLeaveRoom(let user, _): user == "alice"
            default: false
            }
        }
        #expect(Array(aboutAlice.suffix(2)) == [.userAudioAvailable(userId: "alice", available: false), .remoteUserLeaveRoom(userId: "alice", reason: 0)])
        bob.exitRoom()
        try await bobEvents.wait(for: "bob's exit") { $0 == .exitRoom(reason: 0) }
    }

    /// The bound is behaviour, not a stopwatch (how long it takes is `rtc-bench`'s business): the
    /// exit completes locally with reason 0 while the reconnection loop would still be trying; an
    /// exit that waited for the server would instead end with the loop's give-up, `onExitRoom(1)`.
    @Test("with the server gone, exitRoom completes locally (reason 0) before reconnection gives up")
    func exitWithServerGone() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        let room = TestRoom(server: server)
        let (cloud, recorder) = try await room.enter("alice")
        server.stop()
        cloud.exitRoom()
        let giveUp = RoomSession.reconnectLimit - .seconds(5)
        try await recorder.wait(for: "onExitRoom(0)", timeout: giveUp) { $0 == .exitRoom(reason: 0) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(recorder.events.filter { if case .exitRoom = $0 { true } else { false } } == [.exitRoom(reason: 0)])
        #expect(!recorder.events.contains(.connectionRecovery))
    }

    @Test("RemoveUser → onExitRoom(1) and the other sees reason 2; DismissRoom → onExitRoom(2) for all")
    func removedAndDismissed() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (alice, aliceEvents) = try await room.enter("alice")
        let (bob, bobEvents) = try await room.enter("bob")
        try await RoomService.call(server: server, action: "RemoveUser", body: ["SdkAppId": Int(TestRoom.sdkAppId), "RoomId": Int(room.roomId), "UserIds": ["alice"]])
        try await aliceEvents.wait(for: "alice removed") { $0 == .exitRoom(reason: 1) }
        try await bobEvents.wait(for: "alice's leave") { $0 == .remoteUserLeaveRoom(userId: "alice", reason: 2) }
        let (carol, carolEvents) = try await room.enter("carol")
        try await RoomService.call(server: server, action: "DismissRoom", body: ["SdkAppId": Int(TestRoom.sdkAppId), "RoomId": Int(room.roomId)])
        try await bobEvents.wait(for: "bob dismissed") { $0 == .exitRoom(reason: 2) }
        try await carolEvents.wait(for: "carol dismissed") { $0 == .exitRoom(reason: 2) }
        try await Task.sleep(for: .milliseconds(500))
        #expect(!aliceEvents.events.contains(.tryToReconnect))
        #expect(!bobEvents.events.contains(.tryToReconnect))
        _ = (alice, bob, carol)
    }

    @Test("the same userId entering elsewhere: onWarning naming kick, then onExitRoom(1); no reconnection")
    func kickedBySameUser() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (first, firstEvents) = try await room.enter("alice")
        let (second, secondEvents) = try await room.enter("alice")
        try await firstEvents.wait(for: "kicked") { $0 == .exitRoom(reason: 1) }
        let warning = firstEvents.events.first { if case .warning(.WARNING_KICKED_BY_SAME_USER, _) = $0 { true } else { false } }
        guard case .warning(_, let message)? = warning else {
            Issue.record("no kick warning: \(firstEvents.events)")
            return
        }
        #expect(message?.contains("kick") == true)
        try await Task.sleep(for: .milliseconds(500))
        #expect(!firstEvents.events.contains(.tryToReconnect))
        second.exitRoom()
        try await secondEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
        _ = first
    }

    static func udpPortOpen(_ port: Int) -> Bool {
        let hex = String(format: ":%04X", port)
        for table in ["/proc/self/net/udp", "/proc/self/net/udp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if fields.count > 1, fields[1].hasSuffix(hex) { return true }
            }
        }
        return false
    }
}

/// Signed REST calls to the room server (TC3-HMAC-SHA256), as an app backend makes them.
enum RoomService {
    static func call(server: ServerProcess, action: String, body: [String: Any]) async throws {
        let data = try JSONSerialization.data(withJSONObject: body)
        let host = "127.0.0.1:\(server.httpPort)"
        let headers = TC3Signer(secretId: TestRoom.apiKey.id, secretKey: TestRoom.apiKey.key)
            .signPOST(action: action, body: data, host: host, timestamp: Int64(Date().timeIntervalSince1970))
        var request = URLRequest(url: URL(string: "http://\(host)/")!)
        request.httpMethod = "POST"
        request.httpBody = data
        for (name, value) in headers where name.lowercased() != "host" { request.setValue(value, forHTTPHeaderField: name) }
        let (response, _) = try await URLSession.shared.data(for: request)
        let text = String(decoding: response, as: UTF8.self)
        guard !text.contains("\"Error\"") else { throw RecorderTimeout(description: "REST \(action) failed: \(text)") }
    }
}
