import Foundation
import Logging
import NIOCore
import NIOPosix
import RTCSignaling
import RTCTestSupport
import RTCTransport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import RTCEngine

/// Bad input of every kind gets a clear error, is counted in /metrics, and stops no one else.
@Suite("rtc-server bad input")
struct BadInputTests {
    static let app = TestParticipant.app

    private func connect(_ server: ServerProcess) async throws -> SignalingClient {
        try await SignalingClient.connect(url: server.signalingURL, group: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "bad"))
    }

    private func join(
        _ client: SignalingClient, sdkAppId: UInt32 = app.sdkAppId, userId: String = "alice", userSig: String? = nil,
        roomId: UInt32 = 1, strRoomId: String = "", fingerprint: String? = nil
    ) async throws -> ServerMessage {
        let sig = userSig ?? UserSigIssuer(sdkAppId: Self.app.sdkAppId, secretKey: Self.app.secretKey).generate(userId: userId)
        let certificate = try DTLSCertificate.generate()
        let request = JoinRequest(
            sdkAppId: sdkAppId, userId: userId, userSig: sig, roomId: roomId, strRoomId: strRoomId, role: .anchor,
            scene: .audioCall, ice: ICEParameters(ufrag: "abcd", pwd: "0123456789012345678901"),
            dtls: DTLSParameters(fingerprint: fingerprint ?? certificate.fingerprint.description, setup: .active),
            client: ClientInfo(sdk: "tests", version: "1"))
        return try await client.request(.join(request))
    }

    /// Alice and Bob in room 1, both with media connected.
    private static func aliceAndBob(on server: ServerProcess) async throws -> (TestParticipant, TestParticipant) {
        let alice = try await TestParticipant(url: server.signalingURL, userId: "alice")
        let bob = try await TestParticipant(url: server.signalingURL, userId: "bob")
        try await alice.connectMedia()
        try await bob.connectMedia()
        return (alice, bob)
    }

    private func expectRefusal(_ code: SignalingErrorCode, _ body: () async throws -> ServerMessage, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            let answer = try await body()
            Issue.record("expected error \(code), got \(answer)", sourceLocation: sourceLocation)
        } catch let reply as ErrorReply {
            #expect(reply.code == code, "\(reply.message)", sourceLocation: sourceLocation)
            #expect(!reply.message.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected error \(code), got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("joins with bad parameters or UserSigs get TRTC's codes")
    func joinValidation() async throws {
        let server = try await ServerProcess(arguments: ["--app", EndToEndTests.appArgument])
        defer { server.stop() }
        let issuer = UserSigIssuer(sdkAppId: Self.app.sdkAppId, secretKey: Self.app.secretKey)
        let other = UserSigIssuer(sdkAppId: Self.app.sdkAppId, secretKey: "another-secret")
        let now = Int64(Date().timeIntervalSince1970)
        let cases: [(SignalingErrorCode, (SignalingClient) async throws -> ServerMessage)] = [
            (.invalidSdkAppId, { try await join($0, sdkAppId: 999) }),
            (.invalidSdkAppId, { try await join($0, sdkAppId: 0) }),
            (.invalidRoomId, { try await join($0, roomId: 0) }),
            (.invalidRoomId, { try await join($0, roomId: 0, strRoomId: "bad/room") }),
            (.invalidRoomId, { try await join($0, roomId: 4_294_967_295) }),
            (.invalidUserId, { try await join($0, userId: "bad user") }),
            (.invalidUserId, { try await join($0, userId: String(repeating: "u", count: 33)) }),
            (.invalidUserSig, { try await join($0, userSig: "") }),
            (.userSigCheckFailed, { try await join($0, userSig: other.generate(userId: "alice")) }),
            (.userSigCheckFailed, { try await join($0, userSig: issuer.generate(userId: "mallory")) }),
            (.userSigCheckFailed, { try await join($0, userSig: issuer.generate(userId: "alice", expire: 10, now: now - 100)) }),
            (.userSigCheckFailed, { try await join($0, userSig: "not*a-sig_") }),
            (.malformedMessage, { try await join($0, fingerprint: "sha-256 00") }),
        ]
        for (code, attempt) in cases {
            let client = try await connect(server)
            await expectRefusal(code) { try await attempt(client) }
            client.close()
        }
        let metrics = try await Self.metrics(of: server)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "user_sig") >= 4)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "join_invalid") >= 8)
    }

    @Test("a flood of joins with forged UserSigs is refused and counted; the server still admits a valid join")
    func joinFlood() async throws {
        let server = try await ServerProcess(arguments: ["--app", EndToEndTests.appArgument])
        defer { server.stop() }
        let forger = UserSigIssuer(sdkAppId: Self.app.sdkAppId, secretKey: "not-the-secret")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    let client = try await connect(server)
                    await expectRefusal(.userSigCheckFailed) {
                        try await join(client, userId: "flood\(index)", userSig: forger.generate(userId: "flood\(index)"))
                    }
                    client.close()
                }
            }
            try await group.waitForAll()
        }
        let valid = try await connect(server)
        guard case .joinOK = try await join(valid, userId: "real") else {
            Issue.record("a valid join was not admitted after the flood")
            return
        }
        let metrics = try await Self.metrics(of: server)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "user_sig") >= 40)
        valid.close()
    }

    @Test("messages out of order, unknown, malformed or oversized get errors; repeated garbage closes with 1008")
    func malformedSignaling() async throws {
        let server = try await ServerProcess(arguments: ["--app", EndToEndTests.appArgument])
        defer { server.stop() }
        let client = try await connect(server)
        await expectRefusal(.notJoined) { try await client.request(.ping(Ping(ts: 1))) }
        _ = try await join(client)
        await expectRefusal(.alreadyJoined) { try await join(client) }
        client.send(text: #"{"type":"teleport","requestId":77}"#)
        client.send(text: "[1,2,3]")
        client.send(text: String(repeating: "x", count: 70_000))
        _ = try await client.request(.ping(Ping(ts: 5)))  // the connection is still up after 2 bad + 1 unknown
        client.send(text: "not json")
        #expect(await client.waitUntilClosed() == .closed(code: 1008))
        let metrics = try await Self.metrics(of: server)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "signaling_malformed") >= 2)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "signaling_unknown_type") == 1)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "signaling_oversized") >= 1)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "signaling_out_of_order") >= 2)
    }

    @Test("garbage datagrams, forged STUN, stray DTLS and forged SRTP are dropped and counted; media still flows")
    func garbageDatagrams() async throws {
        let server = try await ServerProcess(arguments: ["--app", EndToEndTests.appArgument])
        defer { server.stop() }
        let (alice, bob) = try await Self.aliceAndBob(on: server)
        let socket = try UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: 0))
        let target = try alice.mediaTarget()
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 2, 11, 12, 20, 100, 1500] {
            try socket.send((0..<size).map { _ in UInt8.random(in: 64...127, using: &generator) }, to: target)
        }
        let forged = try STUNMessage.bindingRequest(
            transactionID: .random(), username: "\(alice.joinAnswer.server.ice.ufrag):\(alice.localICE.ufrag)",
            priority: 1, role: .controlling(tieBreaker: 1), useCandidate: true
        ).encoded(integrityKey: Array("wrong-password-0123456789".utf8), fingerprint: true)
        try socket.send(forged, to: target)
        try socket.send([22, 254, 253] + [UInt8](repeating: 0, count: 40), to: target)  // DTLS from a stranger
        try socket.send([0x80, 111, 0, 1, 0, 0, 0, 1, 0, 0, 0x11, 0x11] + [UInt8](repeating: 7, count: 60), to: target)
        try await Task.sleep(for: .milliseconds(300))
        _ = try await alice.signaling.request(Tone.publish(ssrc: 0x1111))
        let bobMedia = try #require(bob.media)
        async let received = Tone.receive(20, from: bobMedia)
        try await Tone.send(try Tone.packets(frequency: 500, frames: 30, ssrc: 0x1111), over: try #require(alice.media))
        #expect(await received.count >= 20)
        let metrics = try await Self.metrics(of: server)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "datagram_garbage") >= 1)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "stun_integrity") >= 1)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "dtls_unknown_address") >= 1)
        #expect(Self.value(in: metrics, of: "rtc_bad_input_total", kind: "srtp_unknown_address") >= 1)
        await alice.close()
        await bob.close()
    }

    @Test("a member's DTLS association is freed once its SRTP authenticates; DTLS from it later gets nothing and is counted")
    func dtlsReleasedAfterHandshake() async throws {
        let server = try await ServerProcess(arguments: ["--app", EndToEndTests.appArgument])
        defer { server.stop() }
        let (alice, bob) = try await Self.aliceAndBob(on: server)
        _ = try await alice.signaling.request(Tone.publish(ssrc: 0x1111))
        let aliceMedia = try #require(alice.media)
        let bobMedia = try #require(bob.media)
        async let first = Tone.receive(20, from: bobMedia)
        try await Tone.send(try Tone.packets(frequency: 500, frames: 30, ssrc: 0x1111), over: aliceMedia)
        #expect(await first.count >= 20)
        #expect(SecurityTests.counter("rtc_dtls_released_total", in: try await Self.metrics(of: server)) >= 1)

        // A new ClientHello from alice's checked address: no association is left to answer it.
        let socket = try UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: 0))
        let target = try alice.mediaTarget()
        try socket.send(try SecurityTests.bindingRequest(for: alice), to: target)
        #expect(try socket.receive(timeout: .seconds(5)) != nil, "the server did not answer alice's STUN check")
        let fingerprint = try DTLSFingerprint(parsing: alice.joinAnswer.server.dtls.fingerprint)
        for datagram in try SecurityTests.clientHello(expecting: fingerprint) { try socket.send(datagram, to: target) }
        // The address now gets alice's RTCP reports; no DTLS (first byte 20–63) may come back.
        let until = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < until, let (datagram, _) = try socket.receive(timeout: until - ContinuousClock.now) {
            #expect(!(20...63).contains(datagram.first ?? 0), "the server answered DTLS after the handshake")
        }
        #expect(Self.value(in: try await Self.metrics(of: server), of: "rtc_bad_input_total", kind: "dtls_after_handshake") >= 1)

        // Alice's next consent check takes her address back, and her SRTP, keyed by the freed handshake, still flows.
        async let second = Tone.receive(20, from: bobMedia)
        try await Tone.send(try Tone.packets(frequency: 500, frames: 300, ssrc: 0x1111, firstSequence: 5000), over: aliceMedia)
        #expect(await second.count >= 20)
        await alice.close()
        await bob.close()
    }

    @Test("/healthz answers and SIGTERM closes members' signaling with 1001 and exits 0")
    func healthAndShutdown() async throws {
        let server = try await ServerProcess(arguments: ["--app", EndToEndTests.appArgument])
        let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.httpPort)/healthz")!)
        #expect(String(decoding: body, as: UTF8.self) == "ok\n")
        let alice = try await TestParticipant(url: server.signalingURL, userId: "alice")
        try await server.terminate()
        #expect(await alice.signaling.waitUntilClosed() == .closed(code: 1001))
        #expect(server.process.terminationStatus == 0)
        await alice.close()
    }

    static func metrics(of server: ServerProcess) async throws -> String {
        let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.httpPort)/metrics")!)
        return String(decoding: body, as: UTF8.self)
    }

    static func value(in metrics: String, of name: String, kind: String) -> Double {
        for line in metrics.split(separator: "\n") where line.hasPrefix("\(name){kind=\"\(kind)\"}") {
            return Double(line.split(separator: " ").last ?? "") ?? 0
        }
        return 0
    }
}
