import Foundation
import Logging
import NIOCore
import NIOPosix
import RTCServer
import RTCTestSupport
import RTCTransport
import Testing

@testable import RTCEngine
@testable import RTCSignaling

/// targets.md "Reliability and security" against a real `rtc-server` process: a removed user gets
/// nothing through by any path, captured or stale REST requests do nothing, and no secret is logged.
/// (BadInputTests covers garbage from strangers, RoomServiceTests each REST failure code; these
/// extend them to the attacks built from a once-valid user, request or address.)
@Suite("rtc-server security")
struct SecurityTests {
    static let app = TestParticipant.app
    /// A second app, managed by `limitedKey` only.
    static let otherApp = AppCredential(sdkAppId: 1_400_000_002, secretKey: "security-other-app-secret-0123456")
    static let adminKey = (id: "AKIDsecurityAdmin00000000000000000000", secret: "securityAdminSecretKey0000000000000")
    static let limitedKey = (id: "AKIDsecurityLimited000000000000000000", secret: "securityLimitedSecretKey00000000000")

    /// The server of these tests: both apps, both keys, and a user timeout no test reaches.
    static var arguments: [String] {
        [
            "--app", "\(app.sdkAppId):\(app.secretKey)", "--app", "\(otherApp.sdkAppId):\(otherApp.secretKey)",
            "--api-key", "\(adminKey.id):\(adminKey.secret)",
            "--api-key", "\(limitedKey.id):\(limitedKey.secret):\(otherApp.sdkAppId)",
            "--user-timeout", "60",
        ]
    }

    static func admin(_ server: ServerProcess) -> RESTClient {
        RESTClient(port: server.httpPort, secretId: adminKey.id, secretKey: adminKey.secret)
    }

    // MARK: A removed user

    @Test("a removed user's sessions, replayed joins and resumes, old media path, and strangers' DTLS get nothing through")
    func removedUserGetsNothingThrough() async throws {
        try await ServerProcess.with(arguments: Self.arguments) { server in
            let rest = Self.admin(server)
            let issuer = UserSigIssuer(sdkAppId: Self.app.sdkAppId, secretKey: Self.app.secretKey)
            let mallorySig = issuer.generate(userId: "mallory")
            let trudySig = issuer.generate(userId: "trudy")
            let bob = try await TestParticipant(url: server.signalingURL, userId: "bob", roomId: 123)
            let mallory = try await TestParticipant(url: server.signalingURL, userId: "mallory", roomId: 123, userSig: mallorySig)
            let trudy = try await TestParticipant(url: server.signalingURL, userId: "trudy", roomId: 123, userSig: trudySig)
            for member in [bob, mallory, trudy] { try await member.connectMedia() }
            _ = try await mallory.signaling.request(Tone.publish(ssrc: 0x3333))
            _ = try await trudy.signaling.request(Tone.publish(ssrc: 0x4444))
            let bobMedia = try #require(bob.media)
            let malloryMedia = try #require(mallory.media)
            let trudyMedia = try #require(trudy.media)

            // Before: both publishers reach bob, so the paths below are ones that did carry media.
            async let before = Tone.receive(30, from: bobMedia)
            try await Tone.send(try Tone.packets(frequency: 400, frames: 20, ssrc: 0x3333), over: malloryMedia)
            try await Tone.send(try Tone.packets(frequency: 600, frames: 20, ssrc: 0x4444), over: trudyMedia)
            let ssrcsBefore = Set(try await before.map { try RTPPacketLayout(parsing: $0).ssrc })
            #expect(ssrcsBefore == [0x3333, 0x4444])

            // Trudy's WebSocket drops first: her session lives on through consent (protocol.md §2.7).
            trudy.signaling.close()
            try await Task.sleep(for: .milliseconds(300))
            let removed = try await rest.post("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["mallory", "trudy"]}"#)
            #expect(removed.isWellFormed && removed.errorCode == nil, "\(removed)")
            #expect(try await RoomServiceTests.kicked(mallory) == Kicked(reason: .banned, code: 1))
            #expect(await mallory.signaling.waitUntilClosed() == .closed(code: 1000))
            #expect(try await bob.waitForLeave(of: "mallory") == .kicked)
            #expect(try await bob.waitForLeave(of: "trudy") == .kicked)
            let metricsBefore = try await rest.metrics()

            // SRTP from the removed users' own 5-tuples, with the keys that worked a moment ago.
            async let after = Tone.receive(1000, from: bobMedia, timeout: .seconds(4))
            try await Tone.send(try Tone.packets(frequency: 400, frames: 40, ssrc: 0x3333, firstSequence: 5000), over: malloryMedia)
            try await Tone.send(try Tone.packets(frequency: 600, frames: 40, ssrc: 0x4444, firstSequence: 5000), over: trudyMedia)
            let late = try await after.map { try RTPPacketLayout(parsing: $0) }.filter { $0.sequenceNumber >= 5000 }
            #expect(late.isEmpty, "bob received \(late.count) packets of removed users")
            let metricsAfter = try await rest.metrics()
            #expect(Self.counter("rtc_rtp_forwarded_total", in: metricsAfter) == Self.counter("rtc_rtp_forwarded_total", in: metricsBefore))
            #expect(Self.counter("rtc_rtp_received_total", in: metricsAfter) == Self.counter("rtc_rtp_received_total", in: metricsBefore))
            let unknown = { (text: String) in BadInputTests.value(in: text, of: "rtc_bad_input_total", kind: "srtp_unknown_address") }
            #expect(unknown(metricsAfter) - unknown(metricsBefore) >= 40, "of 80 packets sent")

            // STUN with the removed session's credentials gets no answer (a live member's does: the control).
            let probe = try await TestParticipant(url: server.signalingURL, userId: "probe", roomId: 123)
            let socket = try UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: 0))
            // Mallory's room and the probe's are the same, so the same media thread's port answers for both.
            let target = try probe.mediaTarget()
            #expect(try mallory.mediaTarget() == target)
            let stunUnknown = { (text: String) in BadInputTests.value(in: text, of: "rtc_bad_input_total", kind: "stun_unknown_user") }
            let stunBefore = stunUnknown(try await rest.metrics())
            try socket.send(try Self.bindingRequest(for: mallory), to: target)
            #expect(try socket.receive(timeout: .seconds(2)) == nil, "the server answered a removed session's STUN check")
            #expect(stunUnknown(try await rest.metrics()) > stunBefore)
            try socket.send(try Self.bindingRequest(for: probe), to: target)
            #expect(try socket.receive(timeout: .seconds(5)) != nil, "the server did not answer a live session's STUN check")

            // DTLS: a ClientHello from an address that never passed a STUN check gets nothing; the same
            // hello from the probe's address (checked a moment ago) is answered.
            let stranger = try UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: 0))
            let fingerprint = try DTLSFingerprint(parsing: bob.joinAnswer.server.dtls.fingerprint)
            let dtlsBefore = BadInputTests.value(in: try await rest.metrics(), of: "rtc_bad_input_total", kind: "dtls_unknown_address")
            for datagram in try Self.clientHello(expecting: fingerprint) { try stranger.send(datagram, to: target) }
            #expect(try stranger.receive(timeout: .seconds(2)) == nil, "the server answered DTLS from a stranger")
            let dtlsAfter = BadInputTests.value(in: try await rest.metrics(), of: "rtc_bad_input_total", kind: "dtls_unknown_address")
            #expect(dtlsAfter > dtlsBefore)
            for datagram in try Self.clientHello(expecting: fingerprint) { try socket.send(datagram, to: target) }
            #expect(try socket.receive(timeout: .seconds(5)) != nil, "the server did not answer DTLS from a checked address")

            // Replays of the old signaling: the same join, a resume of the old session, and the same
            // sig re-encoded (same signed content, other text) are refused; a fresh sig is a new session.
            let oldSession = mallory.joinAnswer.sessionId
            let attempts: [(what: String, userId: String, sig: String, resume: String?)] = [
                ("mallory's join replayed", "mallory", mallorySig, nil),
                ("mallory's session resumed", "mallory", mallorySig, oldSession),
                ("mallory's sig re-encoded", "mallory", try Self.reencoded(mallorySig), nil),
                ("trudy's dropped session resumed", "trudy", trudySig, trudy.joinAnswer.sessionId),
            ]
            for (what, userId, sig, resume) in attempts {
                do {
                    let sneaky = try await TestParticipant(url: server.signalingURL, userId: userId, roomId: 123, userSig: sig, resume: resume)
                    Issue.record("\(what): admitted \(sneaky.joinAnswer)")
                    await sneaky.close()
                } catch let reply as ErrorReply {
                    #expect(reply.code == .enterRoomRefused, "\(what): \(reply)")
                }
            }
            let fresh = try await TestParticipant(
                url: server.signalingURL, userId: "mallory", roomId: 123,
                userSig: issuer.generate(userId: "mallory", expire: UserSigIssuer.defaultExpire - 1), resume: oldSession)
            #expect(!fresh.joinAnswer.resumed && fresh.joinAnswer.sessionId != oldSession)
            #expect(fresh.joinAnswer.users.map(\.userId).sorted() == ["bob", "probe"])
            // Bob saw mallory come back only through that fresh join, and trudy never.
            let joinsSeen = { bob.events.compactMap { if case .userJoined(let j) = $0 { j.userId } else { nil } } }
            let deadline = ContinuousClock.now + .seconds(20)
            while joinsSeen().count < 4, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            try await Task.sleep(for: .milliseconds(300))
            #expect(joinsSeen() == ["mallory", "trudy", "probe", "mallory"])
            for member in [bob, mallory, trudy, probe, fresh] { await member.close() }
        }
    }

    // MARK: REST

    @Test("REST: a captured request replayed with another body, action or timestamp, or for another app, is refused and changes nothing")
    func capturedRequestsAreRefused() async throws {
        try await ServerProcess.with(arguments: Self.arguments) { server in
            let alice = try await TestParticipant(url: server.signalingURL, userId: "alice", roomId: 123)
            let erin = try await TestParticipant(url: server.signalingURL, userId: "erin", roomId: 77, app: Self.otherApp)
            let rest = Self.admin(server)
            let limited = RESTClient(port: server.httpPort, secretId: Self.limitedKey.id, secretKey: Self.limitedKey.secret)

            // Captured: a valid RemoveUser of nobody, sent and accepted.
            let body = #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["ghost"]}"#
            let captured = rest.signedPOST("RemoveUser", body)
            let original = try await rest.send(method: "POST", headers: captured, body: body)
            #expect(original.isWellFormed && original.errorCode == nil, "\(original)")
            let limitedBody = #"{"SdkAppId": 1400000002, "RoomId": 77, "UserIds": ["ghost"]}"#
            let limitedCaptured = limited.signedPOST("RemoveUser", limitedBody)
            let limitedOriginal = try await limited.send(method: "POST", headers: limitedCaptured, body: limitedBody)
            #expect(limitedOriginal.isWellFormed && limitedOriginal.errorCode == nil, "\(limitedOriginal)")

            var refreshed = captured
            refreshed["X-TC-Timestamp"] = String(RESTClient.now + 1)
            var renamed = captured
            renamed["X-TC-Action"] = "DismissRoom"
            var renamedToStr = captured
            renamedToStr["X-TC-Action"] = "RemoveUserByStrRoomId"
            let query = "SdkAppId=1400000001&RoomId=123&UserIds.0=ghost"
            let capturedGET = rest.signer.signGET(action: "RemoveUser", query: query, host: rest.host, timestamp: RESTClient.now)
            let originalGET = try await rest.send(method: "GET", query: query, headers: capturedGET, body: "")
            #expect(originalGET.isWellFormed && originalGET.errorCode == nil, "\(originalGET)")
            var renamedGET = capturedGET
            renamedGET["X-TC-Action"] = "DismissRoom"
            let now = RESTClient.now
            let cases: [(String, RESTReply, String)] = [
                ("the body names alice", try await rest.send(method: "POST", headers: captured,
                    body: #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["alice"]}"#), "AuthFailure.SignatureFailure"),
                ("the body names app B's room", try await rest.send(method: "POST", headers: captured,
                    body: #"{"SdkAppId": 1400000002, "RoomId": 77, "UserIds": ["erin"]}"#), "AuthFailure.SignatureFailure"),
                ("app B's key, its body turned to app A", try await limited.send(method: "POST", headers: limitedCaptured,
                    body: #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["alice"]}"#), "AuthFailure.SignatureFailure"),
                ("app B's key, signed for app A", try await limited.post("RemoveUser",
                    #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["alice"]}"#), "UnauthorizedOperation.SdkAppId"),
                ("the timestamp refreshed", try await rest.send(method: "POST", headers: refreshed, body: body), "AuthFailure.SignatureFailure"),
                // X-TC-Action is not among the signed headers (content-type;host, as Tencent's SDKs sign):
                // the body must not fit another action.
                ("the action renamed to DismissRoom", try await rest.send(method: "POST", headers: renamed, body: body), "InvalidParameter"),
                ("GET, the action renamed to DismissRoom", try await rest.send(method: "GET", query: query, headers: renamedGET, body: ""),
                 "InvalidParameter"),
                ("the action renamed to RemoveUserByStrRoomId", try await rest.send(method: "POST", headers: renamedToStr, body: body),
                 "InvalidParameter.RoomId"),
                ("signed 301 s ago", try await rest.post("RemoveUser", body, timestamp: now - 301), "AuthFailure.SignatureExpire"),
                ("signed a day ago", try await rest.post("RemoveUser", body, timestamp: now - 86_400), "AuthFailure.SignatureExpire"),
            ]
            for (what, reply, code) in cases {
                #expect(reply.isWellFormed && reply.errorCode == code, "\(what): \(reply) \(reply.shapeProblems)")
            }
            #expect(try await rest.badInputCount("rest_authentication") == cases.filter { $0.2.hasPrefix("AuthFailure") || $0.2.hasPrefix("Unauthorized") }.count)
            #expect(try await rest.badInputCount("rest_parameters") == 3)

            // Within the allowed skew the same request is still good: the window is the documented 5 minutes.
            let recent = try await rest.post("RemoveUser", body, timestamp: now - 240)
            #expect(recent.isWellFormed && recent.errorCode == nil, "\(recent)")
            // Nothing above touched either room.
            #expect(!alice.events.contains { if case .kicked = $0 { true } else { false } })
            #expect(!erin.events.contains { if case .kicked = $0 { true } else { false } })
            let (carol, members) = try await RoomServiceTests.membersSeenByNewcomer(server, userId: "carol", roomId: 123)
            #expect(members == ["alice"])
            for member in [alice, erin, carol] { await member.close() }
        }
    }

    // MARK: Logs

    @Test("no secret, UserSig or request signature appears in what the server or a client engine prints")
    func noSecretInLogs() async throws {
        let forgedKey = "forged-app-secret-key-0123456789"
        let wrongAPISecret = "wrong-api-secret-key-0123456789"
        var userSigs: [String] = []
        var signatures: [String] = []
        var iceSecrets: [String] = []
        var clientOutput = ""
        let server = try await ServerProcess(arguments: Self.arguments)
        do {
            let issuer = UserSigIssuer(sdkAppId: Self.app.sdkAppId, secretKey: Self.app.secretKey)
            let forger = UserSigIssuer(sdkAppId: Self.app.sdkAppId, secretKey: forgedKey)
            let rest = Self.admin(server)
            let wrong = RESTClient(port: server.httpPort, secretId: Self.adminKey.id, secretKey: wrongAPISecret)

            let aliceSig = issuer.generate(userId: "alice")
            let bobSig = issuer.generate(userId: "bob")
            let alice = try await TestParticipant(url: server.signalingURL, userId: "alice", roomId: 9, userSig: aliceSig)
            let bob = try await TestParticipant(url: server.signalingURL, userId: "bob", roomId: 9, userSig: bobSig)
            try await alice.connectMedia()
            userSigs += [aliceSig, bobSig]
            // The ICE passwords of a session are credentials too: with one, a stranger's STUN check passes.
            iceSecrets = [alice.joinAnswer.server.ice.pwd, alice.localICE.pwd, bob.joinAnswer.server.ice.pwd]
            for (userId, sig) in [
                ("mallory", forger.generate(userId: "mallory")), ("mallory", aliceSig),
                ("mallory", issuer.generate(userId: "mallory", expire: 10, now: RESTClient.now - 100)),
            ] {
                userSigs.append(sig)
                await #expect(throws: ErrorReply.self) {
                    try await TestParticipant(url: server.signalingURL, userId: userId, roomId: 9, userSig: sig)
                }
            }
            // The same user id elsewhere kicks alice; RemoveUser kicks bob; a badly signed DismissRoom fails.
            let alice2Sig = issuer.generate(userId: "alice", expire: 3600)
            userSigs.append(alice2Sig)
            let alice2 = try await TestParticipant(url: server.signalingURL, userId: "alice", roomId: 9, userSig: alice2Sig)
            _ = try await RoomServiceTests.kicked(alice)
            let removeBody = #"{"SdkAppId": 1400000001, "RoomId": 9, "UserIds": ["bob"]}"#
            let removeHeaders = rest.signedPOST("RemoveUser", removeBody)
            let removed = try await rest.send(method: "POST", headers: removeHeaders, body: removeBody)
            #expect(removed.errorCode == nil, "\(removed)")
            let dismissBody = #"{"SdkAppId": 1400000001, "RoomId": 9}"#
            let badHeaders = wrong.signedPOST("DismissRoom", dismissBody)
            let bad = try await wrong.send(method: "POST", headers: badHeaders, body: dismissBody)
            #expect(bad.errorCode == "AuthFailure.SignatureFailure", "\(bad)")
            let stale = rest.signedPOST("DismissRoom", dismissBody, timestamp: RESTClient.now - 900)
            _ = try await rest.send(method: "POST", headers: stale, body: dismissBody)
            signatures = try [removeHeaders, badHeaders, stale].map { try Self.signature(in: $0) }

            // A client engine at its most verbose, entering with a UserSig, publishing, and leaving.
            let clientSig = issuer.generate(userId: "carol", expire: 7200)
            userSigs.append(clientSig)
            clientOutput = try await Self.runClient([
                "join", "--server", server.signalingURL, "--app", "\(Self.app.sdkAppId)", "--usersig", clientSig,
                "--room", "9", "--user", "carol", "--duration", "3",
            ])
            #expect(clientOutput.contains("onEnterRoom("), "\(clientOutput)")
            for member in [alice, bob, alice2] { await member.close() }
        } catch {
            try? await server.terminate()
            throw error
        }
        try await server.terminate()
        let printed = server.printed
        // The logs do hold the events (so the grep below reads real output): joins, kicks, REST refusals.
        for line in ["join", "kick", "REST refused", "REST RemoveUser"] {
            #expect(printed.contains(line), "the server did not log \"\(line)\":\n\(printed)")
        }
        let secrets = [
            ("the app secret key", Self.app.secretKey), ("the other app's secret key", Self.otherApp.secretKey),
            ("the API SecretKey", Self.adminKey.secret), ("the limited API SecretKey", Self.limitedKey.secret),
            ("a forger's app key", forgedKey), ("a wrong API key", wrongAPISecret),
        ] + userSigs.enumerated().map { ("UserSig #\($0.offset)", $0.element) }
            + signatures.enumerated().map { ("Authorization signature #\($0.offset)", $0.element) }
            + iceSecrets.enumerated().map { ("ICE password #\($0.offset)", $0.element) }
        for (what, secret) in secrets {
            // Also as the hex byte dumps of trace logging write them ("7b 22 54 …"), from its first 12 bytes.
            let hex = secret.utf8.prefix(12).map { String(format: "%02x", $0) }.joined(separator: " ")
            for text in [secret, hex] {
                #expect(!printed.contains(text), "rtc-server printed \(what)")
                #expect(!clientOutput.contains(text), "rtc-client printed \(what)")
            }
        }
    }

    // MARK: Support

    /// The value of an unlabelled counter in `/metrics` text (0 when absent).
    static func counter(_ name: String, in metrics: String) -> Double {
        for line in metrics.split(separator: "\n") where line.hasPrefix("\(name) ") {
            return Double(line.split(separator: " ").last ?? "") ?? 0
        }
        return 0
    }

    /// A valid ICE connectivity check for `member`'s session, as its own client would send it.
    static func bindingRequest(for member: TestParticipant) throws -> [UInt8] {
        let server = member.joinAnswer.server.ice
        return try STUNMessage.bindingRequest(
            transactionID: .random(), username: "\(server.ufrag):\(member.localICE.ufrag)", priority: 1,
            role: .controlling(tieBreaker: 7), useCandidate: true
        ).encoded(integrityKey: Array(server.pwd.utf8), fingerprint: true)
    }

    /// The first flight of a real DTLS client handshake.
    static func clientHello(expecting fingerprint: DTLSFingerprint) throws -> [[UInt8]] {
        let endpoint = try DTLSEndpoint(
            context: try DTLSContext(certificate: try DTLSCertificate.generate()), role: .client, expectedPeerFingerprint: fingerprint)
        return endpoint.start()
    }

    /// The same UserSig in other words: its JSON without spaces, compressed and encoded again.
    /// It carries the same signed content and HMAC, so it verifies exactly as the original does.
    static func reencoded(_ userSig: String) throws -> String {
        let compressed = try #require(UserSigText.decodeBase64(userSig))
        let json = String(decoding: try Zlib.inflate(compressed, limit: UserSigIssuer.maxInflatedBytes), as: UTF8.self)
        let compact = json.replacingOccurrences(of: "\": ", with: "\":").replacingOccurrences(of: ", \"", with: ",\"")
        #expect(compact != json)
        let text = UserSigText.encodeBase64(Zlib.compress(Array(compact.utf8)))
        #expect(text != userSig)
        return text
    }

    /// The `Signature=` value of signed headers.
    static func signature(in headers: [String: String]) throws -> String {
        let authorization = try #require(headers["Authorization"])
        let value = try #require(authorization.components(separatedBy: "Signature=").last)
        #expect(value.count == 64)
        return value
    }

    /// Runs the built `rtc-client` with the engine's most verbose logging; returns everything it printed.
    static func runClient(_ arguments: [String]) async throws -> String {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rtc-client")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build rtc-client first: swift build --build-tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["RTC_LOG_LEVEL": "trace"]) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("security-client-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            process.terminate()
            Issue.record("rtc-client did not exit within 60 s")
        }
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0)
        return try String(contentsOf: output, encoding: .utf8)
    }
}
