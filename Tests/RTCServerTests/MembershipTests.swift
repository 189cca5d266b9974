import Foundation
import RTCSignaling
import RTCTestSupport
import RTCTransport
import Testing

@testable import RTCEngine

/// Who is in a room and how members leave it: timeouts, the allowlist, resumption, BYE, kicks, scenes.
@Suite("rtc-server membership")
struct MembershipTests {
    static let app = EndToEndTests.appArgument

    @Test("a member that vanishes is evicted after the user timeout: the others see reason 1")
    func vanishedMemberIsEvicted() async throws {
        let server = try await ServerProcess(arguments: ["--app", Self.app, "--user-timeout", "4"])
        defer { server.stop() }
        let alice = try await TestParticipant(url: server.signalingURL, userId: "alice")
        let bob = try await TestParticipant(url: server.signalingURL, userId: "bob")
        try await alice.connectMedia()
        try await bob.connectMedia()
        await alice.vanish()
        #expect(try await bob.waitForLeave(of: "alice", timeout: .seconds(30)) == .timeout)
        await bob.close()
    }

    @Test("an allowlisted member is never evicted for silence")
    func allowlistedMemberStays() async throws {
        let server = try await ServerProcess(arguments: ["--app", Self.app, "--user-timeout", "4", "--allow-user", "carol"])
        defer { server.stop() }
        let carol = try await TestParticipant(url: server.signalingURL, userId: "carol")
        let bob = try await TestParticipant(url: server.signalingURL, userId: "bob")
        let dave = try await TestParticipant(url: server.signalingURL, userId: "dave")
        await carol.vanish()
        await dave.vanish()
        // Dave, not allowlisted, is evicted; by then carol has been silent just as long.
        #expect(try await bob.waitForLeave(of: "dave", timeout: .seconds(30)) == .timeout)
        try await Task.sleep(for: .seconds(1))
        #expect(!bob.events.contains { if case .userLeft(let l) = $0 { l.userId == "carol" } else { false } })
        await bob.close()
    }

    @Test("a dropped WebSocket with media still flowing is not a leave, and the session resumes")
    func droppedSignalingResumes() async throws {
        let server = try await ServerProcess(arguments: ["--app", Self.app, "--user-timeout", "4"])
        defer { server.stop() }
        let alice = try await TestParticipant(url: server.signalingURL, userId: "alice")
        let bob = try await TestParticipant(url: server.signalingURL, userId: "bob")
        try await alice.connectMedia()
        alice.signaling.close()
        try await Task.sleep(for: .seconds(8))  // twice the user timeout: consent keeps the session alive
        #expect(!bob.events.contains { if case .userLeft = $0 { true } else { false } })
        let again = try await TestParticipant(
            url: server.signalingURL, userId: "alice", resume: alice.joinAnswer.sessionId)
        #expect(again.joinAnswer.resumed)
        #expect(again.joinAnswer.sessionId == alice.joinAnswer.sessionId)
        #expect(again.joinAnswer.users.map(\.userId) == ["bob"])
        try await Task.sleep(for: .milliseconds(300))
        #expect(bob.events.filter { if case .userJoined = $0 { true } else { false } }.isEmpty)
        try await again.leave()
        #expect(try await bob.waitForLeave(of: "alice") == .exit)
        await alice.close()
        await again.close()
        await bob.close()
    }

    @Test("an RTCP BYE over SRTCP is a leave packet: the others see reason 0 at once")
    func rtcpByeLeaves() async throws {
        let server = try await ServerProcess(arguments: ["--app", Self.app])
        defer { server.stop() }
        let alice = try await TestParticipant(url: server.signalingURL, userId: "alice")
        let bob = try await TestParticipant(url: server.signalingURL, userId: "bob")
        try await alice.connectMedia()
        let bye = try CompoundPacket(packets: [
            .receiverReport(ReceiverReport(ssrc: 0x2222)), .goodbye(Goodbye(sources: [0x2222], reason: "exit")),
        ]).serialized()
        try #require(alice.media).sendRTCP(bye)
        #expect(try await bob.waitForLeave(of: "alice", timeout: .seconds(5)) == .exit)
        await alice.close()
        await bob.close()
    }

    @Test("the same user id entering again kicks the earlier session; the others see reason 2, then the join")
    func duplicateUserIdKicksEarlier() async throws {
        let server = try await ServerProcess(arguments: ["--app", Self.app])
        defer { server.stop() }
        let first = try await TestParticipant(url: server.signalingURL, userId: "alice")
        let bob = try await TestParticipant(url: server.signalingURL, userId: "bob")
        let second = try await TestParticipant(url: server.signalingURL, userId: "alice")
        let kicked = try await first.waitForEvent("kicked") { if case .kicked = $0 { true } else { false } }
        #expect(kicked == .kicked(Kicked(reason: .kick, code: 1)))
        #expect(await first.signaling.waitUntilClosed() == .closed(code: 1000))
        #expect(try await bob.waitForLeave(of: "alice") == .kicked)
        try await bob.waitForEvent("userJoined(alice)") {
            if case .userJoined(let j) = $0 { j.userId == "alice" } else { false }
        }
        let order = bob.events.compactMap { event -> String? in
            switch event {
            case .userLeft(let l) where l.userId == "alice": "left"
            case .userJoined(let j) where j.userId == "alice": "joined"
            default: nil
            }
        }
        #expect(order == ["left", "joined"])
        await first.close()
        await second.close()
        await bob.close()
    }

    @Test("LIVE: audiences are invisible, cannot publish or send messages; anchor → audience is reason 3")
    func liveSceneRoles() async throws {
        let server = try await ServerProcess(arguments: ["--app", Self.app])
        defer { server.stop() }
        let anchor = try await TestParticipant(url: server.signalingURL, userId: "anchor", scene: .liveStreaming)
        let viewer = try await TestParticipant(url: server.signalingURL, userId: "viewer", role: .audience, scene: .liveStreaming)
        let other = try await TestParticipant(url: server.signalingURL, userId: "other", scene: .liveStreaming)
        #expect(viewer.joinAnswer.users.map(\.userId) == ["anchor"])
        #expect(other.joinAnswer.users.map(\.userId) == ["anchor"])
        try await anchor.waitForEvent("userJoined(other)") { if case .userJoined(let j) = $0 { j.userId == "other" } else { false } }
        #expect(!anchor.events.contains { if case .userJoined(let j) = $0 { j.userId == "viewer" } else { false } })
        await #expect(throws: ErrorReply.self) { try await viewer.signaling.request(Tone.publish(ssrc: 7)) }
        do {
            _ = try await viewer.signaling.request(.customCmd(CustomCmdRequest(cmdId: 1, seq: 1, reliable: true, ordered: true, data: Data("hi".utf8))))
            Issue.record("an audience's custom message was accepted")
        } catch let reply as ErrorReply {
            #expect(reply.code == .notAllowedForRole)
        }
        _ = try await other.signaling.request(.switchRole(SwitchRoleRequest(role: .audience)))
        #expect(try await anchor.waitForLeave(of: "other") == .switchedToAudience)
        #expect(try await viewer.waitForLeave(of: "other") == .switchedToAudience)
        _ = try await viewer.signaling.request(.switchRole(SwitchRoleRequest(role: .anchor)))
        try await anchor.waitForEvent("userJoined(viewer)") { if case .userJoined(let j) = $0 { j.userId == "viewer" } else { false } }
        await anchor.close()
        await viewer.close()
        await other.close()
    }

    @Test("custom messages reach every other member in order with the sender's seq; floods are refused")
    func customMessages() async throws {
        let server = try await ServerProcess(arguments: ["--app", Self.app])
        defer { server.stop() }
        let alice = try await TestParticipant(url: server.signalingURL, userId: "alice")
        let bob = try await TestParticipant(url: server.signalingURL, userId: "bob")
        for seq in 1...5 {
            _ = try await alice.signaling.request(.customCmd(CustomCmdRequest(
                cmdId: 2, seq: UInt32(seq), reliable: true, ordered: true, data: Data("m\(seq)".utf8))))
        }
        try await bob.waitForEvent("5 messages") { if case .customCmd(let c) = $0 { c.seq == 5 } else { false } }
        let received = bob.events.compactMap { if case .customCmd(let c) = $0 { c } else { nil } }
        #expect(received.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(received.map { String(decoding: $0.data, as: UTF8.self) } == ["m1", "m2", "m3", "m4", "m5"])
        #expect(received.allSatisfy { $0.userId == "alice" && $0.cmdId == 2 })
        // 40 at once: sent one after another, a loaded machine can spread them over more than the limit's second.
        let answers = await withTaskGroup(of: ErrorReply?.self) { group in
            for seq in 6...45 {
                group.addTask {
                    do {
                        _ = try await alice.signaling.request(.customCmd(CustomCmdRequest(
                            cmdId: 2, seq: UInt32(seq), reliable: false, ordered: false, data: Data([1]))))
                        return nil
                    } catch let reply as ErrorReply {
                        return reply
                    } catch {
                        return ErrorReply(code: .failed, message: "\(error)")
                    }
                }
            }
            return await group.reduce(into: [ErrorReply?]()) { $0.append($1) }
        }
        let refusals = answers.compactMap { $0 }
        #expect(!refusals.isEmpty, "none of 40 messages at once was refused")
        #expect(refusals.allSatisfy { $0.code == .rateLimitExceeded }, "\(refusals.map(\.message))")
        do {
            _ = try await alice.signaling.request(.customCmd(CustomCmdRequest(cmdId: 11, seq: 1, reliable: false, ordered: false, data: Data())))
            Issue.record("cmdId 11 was accepted")
        } catch let reply as ErrorReply {
            #expect(reply.code == .invalidParameter || reply.code == .rateLimitExceeded)
        }
        await alice.close()
        await bob.close()
    }

    @Test("numeric room 123 and string room \"123\" are different rooms")
    func numericAndStringRoomsDiffer() async throws {
        let server = try await ServerProcess(arguments: ["--app", Self.app])
        defer { server.stop() }
        let numeric = try await TestParticipant(url: server.signalingURL, userId: "n", roomId: 123)
        let string = try await TestParticipant(url: server.signalingURL, userId: "s", roomId: 0, strRoomId: "123")
        #expect(string.joinAnswer.users.isEmpty)
        let numeric2 = try await TestParticipant(url: server.signalingURL, userId: "n2", roomId: 123)
        #expect(numeric2.joinAnswer.users.map(\.userId) == ["n"])
        await numeric.close()
        await string.close()
        await numeric2.close()
    }
}
