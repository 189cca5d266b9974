import Foundation
import RTCServer
import RTCSignaling
import RTCTestSupport
import RTCTransport
import Testing

@testable import RTCEngine

/// Media spread over several event loops (`--media-threads`): each room lives on one thread, whose
/// UDP port its members are given in `join.ok`; counts, REST calls and bans reach every thread.
@Suite("Media threads")
struct MediaThreadsTests {
    /// The server of these tests: SecurityTests' apps and keys, two media threads on any machine.
    static let arguments = SecurityTests.arguments + ["--media-threads", "2"]

    /// Joins a first member to rooms from `firstRoom` on until two rooms sit on different media ports;
    /// members of rooms on a port already seen leave again. Returns the two rooms and their first members.
    static func roomsOnTwoThreads(_ server: ServerProcess, firstRoom: UInt32) async throws -> [(room: UInt32, member: TestParticipant)] {
        var found: [UInt16: (room: UInt32, member: TestParticipant)] = [:]
        for room in firstRoom..<(firstRoom + 32) where found.count < 2 {
            let member = try await TestParticipant(url: server.signalingURL, userId: "first-\(room)", roomId: room)
            let port = try member.mediaTarget().port
            if found[port] == nil {
                found[port] = (room, member)
            } else {
                try await member.leave()
                await member.close()
            }
        }
        try #require(found.count == 2, "32 rooms all landed on one media port")
        return found.keys.sorted().map { found[$0]! }
    }

    @Test("with two media threads, rooms land on both ports, each room's members hear each other, and the gauges count both threads")
    func roomsSpreadOverThreads() async throws {
        try await ServerProcess.with(arguments: Self.arguments) { server in
            let rooms = try await Self.roomsOnTwoThreads(server, firstRoom: 300)
            let ports = try rooms.map { try $0.member.mediaTarget().port }
            #expect(ports.contains(UInt16(server.mediaPort)), "the first thread's port \(server.mediaPort) is not among \(ports)")
            var members: [TestParticipant] = []
            for (index, (room, first)) in rooms.enumerated() {
                let second = try await TestParticipant(url: server.signalingURL, userId: "second-\(room)", roomId: room)
                #expect(try second.mediaTarget() == first.mediaTarget(), "room \(room)'s members were sent to different ports")
                try await first.connectMedia()
                try await second.connectMedia()
                let ssrc = UInt32(0x5000 + index)
                _ = try await first.signaling.request(Tone.publish(ssrc: ssrc))
                let secondMedia = try #require(second.media)
                async let received = Tone.receive(20, from: secondMedia)
                try await Tone.send(try Tone.packets(frequency: 500, frames: 30, ssrc: ssrc), over: try #require(first.media))
                let heard = try await received.map { try RTPPacketLayout(parsing: $0).ssrc }
                #expect(heard.count >= 20 && Set(heard) == [ssrc], "room \(room) on port \(ports[index]): \(heard.count) packets")
                members += [first, second]
            }
            let metrics = try await SecurityTests.admin(server).metrics()
            #expect(SecurityTests.counter("rtc_participants", in: metrics) == 4)
            #expect(SecurityTests.counter("rtc_rooms", in: metrics) == 2)
            #expect(SecurityTests.counter("rtc_rtp_forwarded_total", in: metrics) >= 40)
            for member in members {
                try await member.leave()
                await member.close()
            }
        }
    }

    @Test("with two media threads, RemoveUser reaches the room's thread, and its ban refuses the same UserSig in a room on the other thread")
    func banSpansThreads() async throws {
        try await ServerProcess.with(arguments: Self.arguments) { server in
            let rooms = try await Self.roomsOnTwoThreads(server, firstRoom: 400)
            let issuer = UserSigIssuer(sdkAppId: SecurityTests.app.sdkAppId, secretKey: SecurityTests.app.secretKey)
            let sig = issuer.generate(userId: "mallory")
            let mallory = try await TestParticipant(url: server.signalingURL, userId: "mallory", roomId: rooms[0].room, userSig: sig)
            let removed = try await SecurityTests.admin(server).post(
                "RemoveUser", #"{"SdkAppId": \#(SecurityTests.app.sdkAppId), "RoomId": \#(rooms[0].room), "UserIds": ["mallory"]}"#)
            #expect(removed.isWellFormed && removed.errorCode == nil, "\(removed)")
            #expect(try await RoomServiceTests.kicked(mallory) == Kicked(reason: .banned, code: 1))
            #expect(try await rooms[0].member.waitForLeave(of: "mallory") == .kicked)
            do {
                let again = try await TestParticipant(url: server.signalingURL, userId: "mallory", roomId: rooms[1].room, userSig: sig)
                Issue.record("the banned UserSig entered room \(rooms[1].room) on the other thread")
                await again.close()
            } catch let reply as ErrorReply {
                #expect(reply.code == .enterRoomRefused, "\(reply.message)")
            }
            // Another UserSig of the same user (another expiry, so other signed content) is not banned.
            let fresh = try await TestParticipant(
                url: server.signalingURL, userId: "mallory", roomId: rooms[1].room,
                userSig: issuer.generate(userId: "mallory", expire: UserSigIssuer.defaultExpire - 1))
            for member in [fresh, rooms[0].member, rooms[1].member] {
                try await member.leave()
                await member.close()
            }
            await mallory.close()
        }
    }

    @Test("media thread settings: 0 means one per core; counts past 64, or ports past 65535 for the last thread, are refused by name")
    func settings() throws {
        var configuration = try JSONDecoder().decode(ServerConfiguration.self, from: Data(#"{"mediaThreads": 3}"#.utf8))
        #expect(configuration.resolvedMediaThreads == 3)
        configuration.mediaThreads = 0
        #expect(configuration.resolvedMediaThreads == ProcessInfo.processInfo.activeProcessorCount)
        for (threads, port, announce, setting) in [(65, 7882, nil, "mediaThreads"), (-1, 7882, nil, "mediaThreads"),
            (2, 65535, nil, "mediaPort"), (4, 0, 65533, "announcePort")] as [(Int, Int, Int?, String)]
        {
            configuration.mediaThreads = threads
            configuration.mediaPort = port
            configuration.announcePort = announce
            #expect {
                try configuration.validate()
            } throws: { error in
                guard case .invalid(let named, _) = error as? ConfigurationError else { return false }
                return named == setting
            }
        }
        configuration.mediaThreads = 2
        configuration.mediaPort = 65534
        configuration.announcePort = nil
        try configuration.validate()
    }

    @Test("a media thread whose port is taken stops rtc-server at start, with an error naming the thread and the port")
    func takenPortIsNamed() async throws {
        // A taken port whose neighbour below is free, both below the kernel's ephemeral range (32768–60999),
        // where no other test's socket is given a port: the first thread binds the free one, the second fails.
        var blocker: UDPSocket?
        for _ in 0..<200 where blocker == nil {
            let port = UInt16.random(in: 20_001..<32_000)
            guard (try? UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: port - 1))) != nil else { continue }
            blocker = try? UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: port))
        }
        let taken = try #require(blocker).localAddress.port
        let server = try ChildProcess(
            executable: try BuiltBinary.path("rtc-server"),
            arguments: SecurityTests.arguments + [
                "--host", "127.0.0.1", "--http-port", "0", "--media-port", "\(taken - 1)", "--media-threads", "2",
            ])
        #expect(try await server.exitStatus() != 0)
        #expect(server.stderr.contains("media thread 1 of 2 could not start on UDP 127.0.0.1:\(taken)"), "\(server.printed)")
        withExtendedLifetime(blocker) {}
    }
}
