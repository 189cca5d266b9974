import Foundation
import RTCSignaling
import RTCTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import RTCEngine

/// Audio through the whole pipeline, statistics, volumes and messages, end to end.
@Suite("media pipeline")
struct MediaPipelineTests {
    @Test("custom capture → Opus → SRTP → SFU → jitter buffer → decode: the tone arrives in frame callbacks and custom rendering")
    func audioFlows() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (alice, aliceEvents) = try await room.enter("alice", customCapture: true)
        let (bob, bobEvents) = try await room.enter("bob")
        bob.enableCustomAudioRendering(true)
        bob.enableAudioVolumeEvaluation(true, with: TRTCAudioVolumeEvaluateParams(interval: 200, enableVadDetection: true))
        alice.startLocalAudio(.default)
        try await sendTone(alice, frequency: 440, duration: .seconds(2), sampleRate: 16_000)
        try await bobEvents.wait(for: "first frame") { $0 == .firstAudioFrame(userId: "alice") }
        let heard = bobEvents.audio(from: "alice")
        #expect(heard.count > 48_000)
        let frequency = strongestFrequency(Array(heard.suffix(48_000)))
        #expect(abs(frequency - 440) < 440 * 0.03, "heard \(frequency) Hz")
        let rendered = TRTCAudioFrame(data: Data(count: 960 * 2), sampleRate: 48_000, channels: 1)
        bob.getCustomAudioRenderingFrame(rendered)
        #expect(rendered.data.count == 1920)
        let volume = try await bobEvents.wait(for: "alice's volume") {
            if case .userVoiceVolume(let volumes, _) = $0 { volumes.contains { $0.userId == "alice" && $0.volume > 0 } } else { false }
        }
        #expect(volume != .exitRoom(reason: 0))
        try await aliceEvents.wait(for: "statistics with an RTT", timeout: .seconds(15)) {
            if case .statistics(let s) = $0 { s.rtt > 0 && s.sentBytes > 0 } else { false }
        }
        try await bobEvents.wait(for: "remote statistics") {
            if case .statistics(let s) = $0 { s.remoteStatistics.contains { $0.userId == "alice" && $0.audioBitrate > 0 } } else { false }
        }
        let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.httpPort)/metrics")!)
        let rttLine = String(decoding: body, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("rtc_subscriber_rtt_seconds ") }
        #expect((rttLine?.split(separator: " ").last).flatMap { Double($0) }.map { $0 > 0 } == true, "the server read no RR with LSR/DLSR")
        alice.exitRoom()
        bob.exitRoom()
        try await aliceEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
        try await bobEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
    }

    @Test("muteLocalAudio tells the others; bad custom frames give warnings, never a crash")
    func muteAndBadFrames() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (alice, aliceEvents) = try await room.enter("alice", customCapture: true)
        let (bob, bobEvents) = try await room.enter("bob")
        alice.startLocalAudio(.speech)
        try await bobEvents.wait(for: "available") { $0 == .userAudioAvailable(userId: "alice", available: true) }
        alice.muteLocalAudio(true)
        try await bobEvents.wait(for: "muted") { $0 == .userAudioAvailable(userId: "alice", available: false) }
        alice.muteLocalAudio(false)
        try await bobEvents.wait(for: "unmuted") {
            $0 == .userAudioAvailable(userId: "alice", available: true)
        }
        for frame in [
            TRTCAudioFrame(samples: [Int16](repeating: 0, count: 960), sampleRate: 8_000, channels: 1),
            TRTCAudioFrame(samples: [Int16](repeating: 0, count: 960), sampleRate: 48_000, channels: 3),
            TRTCAudioFrame(samples: [Int16](repeating: 0, count: 10), sampleRate: 48_000, channels: 1),
            TRTCAudioFrame(samples: [Int16](repeating: 0, count: 48_000), sampleRate: 48_000, channels: 1),
            TRTCAudioFrame(data: Data([1, 2, 3]), sampleRate: 48_000, channels: 1),
        ] {
            alice.sendCustomAudioData(frame)
        }
        try await aliceEvents.wait(for: "5 warnings") {
            _ = $0
            return aliceEvents.events.filter { if case .warning(.WARNING_CUSTOM_AUDIO_FRAME_INVALID, _) = $0 { true } else { false } }.count == 5
        }
        alice.exitRoom()
        bob.exitRoom()
        try await bobEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
    }

    @Test("reliable custom messages arrive exactly once, in order; invalid ones are refused with false")
    func customMessages() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (alice, _) = try await room.enter("alice")
        let (bob, bobEvents) = try await room.enter("bob")
        #expect(!alice.sendCustomCmdMsg(0, data: Data("x".utf8), reliable: true, ordered: true))
        #expect(!alice.sendCustomCmdMsg(11, data: Data("x".utf8), reliable: true, ordered: true))
        #expect(!alice.sendCustomCmdMsg(1, data: Data(count: 1025), reliable: true, ordered: true))
        #expect(!alice.sendCustomCmdMsg(1, data: Data("x".utf8), reliable: true, ordered: false))
        for i in 1...20 {
            #expect(alice.sendCustomCmdMsg(3, data: Data("message \(i)".utf8), reliable: true, ordered: true))
        }
        try await bobEvents.wait(for: "20 messages") { if case .customCmdMsg(_, _, let seq, _) = $0 { seq == 20 } else { false } }
        let received = bobEvents.events.compactMap { event -> String? in
            if case .customCmdMsg("alice", 3, _, let data) = event { String(decoding: data, as: UTF8.self) } else { nil }
        }
        #expect(received == (1...20).map { "message \($0)" })
        var refused = 0
        for _ in 0..<40 where !alice.sendCustomCmdMsg(4, data: Data("flood".utf8), reliable: false, ordered: false) { refused += 1 }
        #expect(refused > 0)
        alice.exitRoom()
        bob.exitRoom()
        try await bobEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
    }

    @Test("with 20 % loss on the path, statistics show uplink and downlink loss and a worse quality")
    func lossIsReported() async throws {
        let relayPort = try LossyRelayPort.reserve()
        // One media thread: the relay stands in for one media port (thread i would announce the relay's port + i).
        let server = try await ServerProcess(
            arguments: TestRoom.serverArguments + ["--announce-port", "\(relayPort.localAddress.port)", "--media-threads", "1"])
        defer { server.stop() }
        let relay = try LossyRelay(socket: relayPort, serverPort: server.mediaPort, lossPercent: 20)
        defer { relay.stop() }
        let room = TestRoom(server: server)
        let (alice, aliceEvents) = try await room.enter("alice", customCapture: true)
        let (bob, bobEvents) = try await room.enter("bob")
        alice.startLocalAudio(.default)
        try await sendTone(alice, frequency: 300, duration: .seconds(5))
        try await aliceEvents.wait(for: "uplink loss", timeout: .seconds(10)) {
            if case .statistics(let s) = $0 { s.upLoss > 0 } else { false }
        }
        try await bobEvents.wait(for: "downlink loss", timeout: .seconds(10)) {
            if case .statistics(let s) = $0 { s.downLoss > 0 || s.remoteStatistics.contains { $0.audioPacketLoss > 0 } } else { false }
        }
        try await bobEvents.wait(for: "a worse quality") {
            if case .networkQuality(_, let remote) = $0 { remote.contains { $0.quality.rawValue >= TRTCQuality.poor.rawValue } } else { false }
        }
        alice.exitRoom()
        bob.exitRoom()
        try await bobEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
    }
}
