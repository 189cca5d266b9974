import Foundation
import RTCEngine
import RTCTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Custom messages when the server refuses some (api.md "Messages"): a stalled server (SIGSTOP,
/// as a loaded machine stalls it) reads two seconds' worth of messages at once and refuses
/// the second second's as over its rate limit. Unreliable ones are then missing, and the receiver
/// is told with `onMissCustomCmdMsgUserId`; reliable ones still arrive exactly once and in order.
@Suite("custom message gaps")
struct CustomMessageGapTests {
    static let unreliable = 2
    static let reliable = 1

    @Test("messages the server refused: onMissCustomCmdMsg for unreliable ones; reliable ones exactly once, in order")
    func refusedMessages() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (alice, _) = try await room.enter("alice")
        let (bob, bobEvents) = try await room.enter("bob")
        let pid = server.process.processIdentifier

        // The messages of the stall are all in the server's socket when it resumes, whatever the
        // machine's load: 30 unreliable ones, a second later 20 more and a reliable one (the engine
        // holds the other reliable ones until it is acknowledged). The server admits the first 30.
        var nextUnreliable = 1
        var nextReliable = 1
        func send(unreliable: Int, reliable: Int) {
            for _ in 0..<unreliable {
                #expect(alice.sendCustomCmdMsg(Self.unreliable, data: Data("u\(nextUnreliable)".utf8), reliable: false, ordered: false))
                nextUnreliable += 1
            }
            for _ in 0..<reliable {
                #expect(alice.sendCustomCmdMsg(Self.reliable, data: Data("r\(nextReliable)".utf8), reliable: true, ordered: true))
                nextReliable += 1
            }
        }
        kill(pid, SIGSTOP)
        send(unreliable: 30, reliable: 0)
        try await Task.sleep(for: .milliseconds(1200))  // the engine's own one-second window is free again
        send(unreliable: 20, reliable: 10)
        kill(pid, SIGCONT)
        try await Task.sleep(for: .milliseconds(1200))
        // Within the limit however the resent reliable ones fall: 10 + 15 per second.
        send(unreliable: 10, reliable: 5)

        try await bobEvents.wait(for: "the 15th reliable message", timeout: .seconds(30)) {
            if case .customCmdMsg("alice", Self.reliable, 15, _) = $0 { true } else { false }
        }
        try await bobEvents.wait(for: "the 60th unreliable message", timeout: .seconds(30)) {
            if case .customCmdMsg("alice", Self.unreliable, 60, _) = $0 { true } else { false }
        }
        try await Task.sleep(for: .milliseconds(500))
        let received = { (cmdID: Int) in
            bobEvents.events.compactMap { event -> String? in
                if case .customCmdMsg("alice", cmdID, _, let data) = event { String(decoding: data, as: UTF8.self) } else { nil }
            }
        }
        let missed = { (cmdID: Int) in
            bobEvents.events.compactMap { event -> Int? in
                if case .missCustomCmdMsg("alice", cmdID, _, let missed) = event { missed } else { nil }
            }
        }
        #expect(received(Self.reliable) == (1...15).map { "r\($0)" })
        #expect(missed(Self.reliable).isEmpty)
        let unreliableSeqs = bobEvents.events.compactMap { event -> UInt32? in
            if case .customCmdMsg("alice", Self.unreliable, let seq, _) = event { seq } else { nil }
        }
        #expect(!missed(Self.unreliable).isEmpty, "no gap: the server refused nothing")
        #expect(unreliableSeqs == unreliableSeqs.sorted() && Set(unreliableSeqs).count == unreliableSeqs.count)
        #expect(unreliableSeqs.count + missed(Self.unreliable).reduce(0, +) == 60, "each message is either received or reported missing")
        #expect(received(Self.unreliable).allSatisfy { text in unreliableSeqs.contains { "u\($0)" == text } })
        let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.httpPort)/metrics")!)
        let limited = String(decoding: body, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("rtc_bad_input_total{kind=\"signaling_rate_limited\"}") }
        #expect((limited?.split(separator: " ").last.flatMap { Double($0) } ?? 0) > 0, "the server refused no message")

        alice.exitRoom()
        bob.exitRoom()
        try await bobEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
    }
}
