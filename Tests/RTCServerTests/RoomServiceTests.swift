import Foundation
import RTCSignaling
import RTCTestSupport
import Testing

@testable import RTCEngine

/// The room-management REST API (rest-api.md) end to end: a real `rtc-server` process, real
/// members in its rooms, and requests from Tencent's official Python SDK or signed with TC3Signer.
@Suite("Room service REST API")
struct RoomServiceTests {
    static let app = TestParticipant.app
    /// A REST key that may manage every app.
    static let allAppsKey = (id: "AKIDroomServiceAllApps000000000000000", secret: "roomServiceSecretAllApps0000000000")
    /// A REST key limited to two other apps.
    static let limitedKey = (id: "AKIDroomServiceLimited0000000000000000", secret: "roomServiceSecretLimited0000000000")
    static let limitedApps: [UInt32] = [1_400_000_002, 1_400_000_003]
    static let sdkAvailable = ConditionTrait.enabled("PyPI is unreachable: tencentcloud-sdk-python-trtc cannot be installed") {
        await RESTOfficialSDK.pypiReachable
    }

    /// Runs `body` against a fresh server (ports chosen by the kernel) with the app and both REST keys.
    static func withServer(_ body: (ServerProcess) async throws -> Void) async throws {
        try await ServerProcess.with(arguments: [
            "--app", "\(app.sdkAppId):\(app.secretKey)",
            // Members here use signaling only (no media, no pings): keep them from being evicted for silence.
            "--user-timeout", "3600",
            "--api-key", "\(allAppsKey.id):\(allAppsKey.secret)",
            "--api-key", "\(limitedKey.id):\(limitedKey.secret):\(limitedApps.map(String.init).joined(separator: ","))",
        ], body)
    }

    static func client(_ server: ServerProcess, id: String = allAppsKey.id, secret: String = allAppsKey.secret) -> RESTClient {
        RESTClient(port: server.httpPort, secretId: id, secretKey: secret)
    }

    /// Calls `action` through the official SDK with the all-apps key.
    static func sdk(_ server: ServerProcess, _ method: String, _ action: String, _ parameters: String) async throws
        -> RESTOfficialSDK.Result
    {
        try await RESTOfficialSDK.call(
            port: server.httpPort, method: method, secretId: allAppsKey.id, secretKey: allAppsKey.secret, action: action,
            parameters: parameters)
    }

    /// Waits for the member's `kicked` and returns it.
    static func kicked(_ member: TestParticipant) async throws -> Kicked {
        let event = try await member.waitForEvent("kicked(\(member.userId))") { if case .kicked = $0 { true } else { false } }
        guard case .kicked(let kicked) = event else { throw TestFailure("unreachable") }
        return kicked
    }

    /// The user ids a newcomer to the room finds there: who is in it now, without waiting.
    static func membersSeenByNewcomer(
        _ server: ServerProcess, userId: String, roomId: UInt32 = 0, strRoomId: String = ""
    ) async throws -> (TestParticipant, [String]) {
        let newcomer = try await TestParticipant(url: server.signalingURL, userId: userId, roomId: roomId, strRoomId: strRoomId)
        return (newcomer, newcomer.joinAnswer.users.map(\.userId).sorted())
    }

    // MARK: The official SDK (tencentcloud-sdk-python-trtc).

    @Test("DismissRoom through the official SDK kicks every member with room-disband, code 2; the room is gone",
        sdkAvailable, arguments: ["POST", "GET"])
    func sdkDismissRoom(method: String) async throws {
        try await Self.withServer { server in
            let alice = try await TestParticipant(url: server.signalingURL, userId: "alice", roomId: 123)
            let bob = try await TestParticipant(url: server.signalingURL, userId: "bob", roomId: 123)

            let dismissed = try await Self.sdk(server, method, "DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 123}"#)
            #expect(dismissed.ok && dismissed.requestId.flatMap(UUID.init(uuidString:)) != nil, "\(dismissed)")
            for member in [alice, bob] {
                #expect(try await Self.kicked(member) == Kicked(reason: .roomDisband, code: 2))
            }
            let after = try await Self.sdk(
                server, method, "RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["alice"]}"#)
            #expect(!after.ok && after.code == "FailedOperation.RoomNotExist", "\(after)")
            await alice.close()
            await bob.close()
        }
    }

    @Test("RemoveUser through the official SDK kicks the named member (banned); the other sees userLeft(2)",
        sdkAvailable, arguments: ["POST", "GET"])
    func sdkRemoveUser(method: String) async throws {
        try await Self.withServer { server in
            let alice = try await TestParticipant(url: server.signalingURL, userId: "alice", roomId: 123)
            let bob = try await TestParticipant(url: server.signalingURL, userId: "bob", roomId: 123)

            let removed = try await Self.sdk(
                server, method, "RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["bob"]}"#)
            #expect(removed.ok && removed.requestId != nil, "\(removed)")
            #expect(try await Self.kicked(bob) == Kicked(reason: .banned, code: 1))
            #expect(try await alice.waitForLeave(of: "bob") == .kicked)
            let (carol, members) = try await Self.membersSeenByNewcomer(server, userId: "carol", roomId: 123)
            #expect(members == ["alice"])
            #expect(!alice.events.contains { if case .kicked = $0 { true } else { false } })
            for member in [alice, bob, carol] { await member.close() }
        }
    }

    @Test("The ByStrRoomId actions through the official SDK: string \"123\" is another room than numeric 123",
        sdkAvailable, arguments: ["POST", "GET"])
    func sdkStringRooms(method: String) async throws {
        try await Self.withServer { server in
            let alice = try await TestParticipant(url: server.signalingURL, userId: "alice", roomId: 123)
            let bob = try await TestParticipant(url: server.signalingURL, userId: "bob", roomId: 0, strRoomId: "123")
            let carol = try await TestParticipant(url: server.signalingURL, userId: "carol", roomId: 0, strRoomId: "123")

            let numeric = try await Self.sdk(server, method, "DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 123}"#)
            #expect(numeric.ok, "\(numeric)")
            #expect(try await Self.kicked(alice) == Kicked(reason: .roomDisband, code: 2))
            let (dave, members) = try await Self.membersSeenByNewcomer(server, userId: "dave", strRoomId: "123")
            #expect(members == ["bob", "carol"])

            let removed = try await Self.sdk(
                server, method, "RemoveUserByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": "123", "UserIds": ["bob"]}"#)
            #expect(removed.ok, "\(removed)")
            #expect(try await Self.kicked(bob) == Kicked(reason: .banned, code: 1))
            #expect(try await carol.waitForLeave(of: "bob") == .kicked)
            #expect(try await dave.waitForLeave(of: "bob") == .kicked)

            let dismissed = try await Self.sdk(
                server, method, "DismissRoomByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": "123"}"#)
            #expect(dismissed.ok, "\(dismissed)")
            for member in [carol, dave] {
                #expect(try await Self.kicked(member) == Kicked(reason: .roomDisband, code: 2))
            }
            for (action, parameters) in [
                ("DismissRoomByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": "123"}"#),
                ("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 123}"#),
            ] {
                let gone = try await Self.sdk(server, method, action, parameters)
                #expect(!gone.ok && gone.code == "FailedOperation.RoomNotExist", "\(action): \(gone)")
            }
            for member in [alice, bob, carol, dave] { await member.close() }
        }
    }

    @Test("A string room id with symbols that URL encoding rewrites reaches its room through the official SDK",
        sdkAvailable, arguments: ["POST", "GET"])
    func sdkStringRoomWithSymbols(method: String) async throws {
        try await Self.withServer { server in
            let room = "Lobby #1: a+b=c? [x]&y%z"
            let erin = try await TestParticipant(url: server.signalingURL, userId: "erin", roomId: 0, strRoomId: room)
            let frank = try await TestParticipant(url: server.signalingURL, userId: "frank", roomId: 0, strRoomId: room)

            let removed = try await Self.sdk(
                server, method, "RemoveUserByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": "\#(room)", "UserIds": ["erin"]}"#)
            #expect(removed.ok, "\(removed)")
            #expect(try await Self.kicked(erin) == Kicked(reason: .banned, code: 1))
            #expect(try await frank.waitForLeave(of: "erin") == .kicked)
            await erin.close()
            await frank.close()
        }
    }

    @Test("The official SDK raises the server's error codes", sdkAvailable)
    func sdkRaisesErrorCodes() async throws {
        try await Self.withServer { server in
            let dismiss = #"{"SdkAppId": 1400000001, "RoomId": 123}"#
            let cases: [(secretId: String, secretKey: String, action: String, parameters: String, code: String)] = [
                (Self.allAppsKey.id, "not-the-secret-key", "DismissRoom", dismiss, "AuthFailure.SignatureFailure"),
                ("AKIDnobodyKnowsThisOne", Self.allAppsKey.secret, "DismissRoom", dismiss, "AuthFailure.SecretIdNotFound"),
                (Self.limitedKey.id, Self.limitedKey.secret, "DismissRoom", dismiss, "UnauthorizedOperation.SdkAppId"),
                (Self.allAppsKey.id, Self.allAppsKey.secret, "DismissRoom", dismiss, "FailedOperation.RoomNotExist"),
                (
                    Self.allAppsKey.id, Self.allAppsKey.secret, "RemoveUser",
                    #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": [\#((1...11).map { "\"u\($0)\"" }.joined(separator: ","))]}"#,
                    "InvalidParameter.UserIds"
                ),
            ]
            for (secretId, secretKey, action, parameters, code) in cases {
                let result = try await RESTOfficialSDK.call(
                    port: server.httpPort, secretId: secretId, secretKey: secretKey, action: action, parameters: parameters)
                #expect(!result.ok && result.code == code && result.requestId.flatMap(UUID.init(uuidString:)) != nil, "\(result)")
            }
        }
    }

    // MARK: Authentication (TC3-HMAC-SHA256), with requests signed by RTCSignaling's TC3Signer.

    @Test("Every authentication failure is refused in the Cloud API shape, counted, and has no effect")
    func authenticationFailures() async throws {
        try await Self.withServer { server in
            let alice = try await TestParticipant(url: server.signalingURL, userId: "alice", roomId: 123)
            let rest = Self.client(server)
            let body = #"{"SdkAppId": 1400000001, "RoomId": 123}"#
            let now = RESTClient.now

            var badSignature = rest.signedPOST("DismissRoom", body)
            let authorization = try #require(badSignature["Authorization"])
            badSignature["Authorization"] = String(authorization.dropLast()) + (authorization.hasSuffix("0") ? "1" : "0")
            let wrongKey = Self.client(server, secret: "not-the-secret-key")
            let unknownId = Self.client(server, id: "AKIDnobodyKnowsThisOne", secret: Self.allAppsKey.secret)
            let limited = Self.client(server, id: Self.limitedKey.id, secret: Self.limitedKey.secret)
            let getQuery = "SdkAppId=1400000001&RoomId=123&UserIds.0=alice"
            let getHeaders = rest.signer.signGET(action: "RemoveUser", query: getQuery, host: rest.host, timestamp: now)

            let replayed = rest.signedPOST("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 999}"#)
            let otherQuery = getQuery.replacingOccurrences(of: "alice", with: "bob")
            let signatureFailure = "AuthFailure.SignatureFailure"
            let cases: [(String, RESTReply, String)] = [
                ("one signature digit changed", try await rest.send(method: "POST", headers: badSignature, body: body), signatureFailure),
                ("signed with another key", try await wrongKey.post("DismissRoom", body), signatureFailure),
                ("a body changed after signing", try await rest.send(method: "POST", headers: replayed, body: body), signatureFailure),
                ("a query changed after signing", try await rest.send(method: "GET", query: otherQuery, headers: getHeaders, body: ""),
                 signatureFailure),
                ("10 minutes old", try await rest.post("DismissRoom", body, timestamp: now - 600), "AuthFailure.SignatureExpire"),
                ("10 minutes ahead", try await rest.post("DismissRoom", body, timestamp: now + 600), "AuthFailure.SignatureExpire"),
                ("an unknown SecretId", try await unknownId.post("DismissRoom", body), "AuthFailure.SecretIdNotFound"),
                ("a key for other apps", try await limited.post("DismissRoom", body), "UnauthorizedOperation.SdkAppId"),
                ("a key for other apps, GET", try await limited.get("RemoveUser", query: getQuery), "UnauthorizedOperation.SdkAppId"),
            ]
            for (what, reply, code) in cases {
                #expect(reply.isWellFormed && reply.errorCode == code, "\(what): \(reply) \(reply.shapeProblems)")
            }
            #expect(try await rest.badInputCount("rest_authentication") == cases.count)
            #expect(try await rest.badInputCount("rest_parameters") == 0)

            // The limited key does manage its own apps; and nothing above touched alice's room.
            let own = try await limited.post("DismissRoom", #"{"SdkAppId": \#(Self.limitedApps[1]), "RoomId": 123}"#)
            #expect(own.isWellFormed && own.errorCode == "FailedOperation.RoomNotExist", "\(own)")
            let (bob, members) = try await Self.membersSeenByNewcomer(server, userId: "bob", roomId: 123)
            #expect(members == ["alice"])
            #expect(!alice.events.contains { if case .kicked = $0 { true } else { false } })
            await alice.close()
            await bob.close()
        }
    }

    // MARK: Parameters.

    @Test("Every parameter error code of rest-api.md, by POST and GET, in the Cloud API shape and counted")
    func parameterFailures() async throws {
        try await Self.withServer { server in
            let alice = try await TestParticipant(url: server.signalingURL, userId: "alice", roomId: 123)
            let rest = Self.client(server)
            let elevenUsers = (1...11).map { "\"u\($0)\"" }.joined(separator: ",")
            let posts: [(action: String, body: String, code: String)] = [
                ("CreateRoom", #"{"SdkAppId": 1400000001, "RoomId": 123}"#, "InvalidAction"),
                ("dismissroom", #"{"SdkAppId": 1400000001, "RoomId": 123}"#, "InvalidAction"),
                ("DismissRoom", #"[1400000001, 123]"#, "InvalidParameter"),
                ("DismissRoom", #""SdkAppId""#, "InvalidParameter"),
                ("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 123"#, "InvalidParameter"),
                ("DismissRoom", "", "InvalidParameter"),
                ("DismissRoom", #"{"RoomId": 123}"#, "MissingParameter.SdkAppId"),
                ("DismissRoom", #"{"SdkAppId": 1400000001}"#, "MissingParameter.RoomId"),
                ("DismissRoomByStrRoomId", #"{"SdkAppId": 1400000001}"#, "MissingParameter.RoomId"),
                ("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123}"#, "MissingParameter.UserIds"),
                ("RemoveUserByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": "123"}"#, "MissingParameter.UserIds"),
                ("DismissRoom", #"{"SdkAppId": "app", "RoomId": 123}"#, "InvalidParameter.SdkAppId"),
                ("DismissRoom", #"{"SdkAppId": "1400000001", "RoomId": 123}"#, "InvalidParameter.SdkAppId"),
                ("DismissRoom", #"{"SdkAppId": -1400000001, "RoomId": 123}"#, "InvalidParameter.SdkAppId"),
                ("DismissRoom", #"{"SdkAppId": 1400000001.5, "RoomId": 123}"#, "InvalidParameter.SdkAppId"),
                ("DismissRoom", #"{"SdkAppId": true, "RoomId": 123}"#, "InvalidParameter.SdkAppId"),
                ("DismissRoom", #"{"SdkAppId": [1400000001], "RoomId": 123}"#, "InvalidParameter.SdkAppId"),
                ("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": "123"}"#, "InvalidParameter.RoomId"),
                ("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 12.5}"#, "InvalidParameter.RoomId"),
                ("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": null}"#, "InvalidParameter.RoomId"),
                ("DismissRoomByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": 123}"#, "InvalidParameter.RoomId"),
                ("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": "alice"}"#, "InvalidParameter.UserIds"),
                ("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": []}"#, "InvalidParameter.UserIds"),
                ("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": [1, 2]}"#, "InvalidParameter.UserIds"),
                ("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["alice", "no spaces"]}"#, "InvalidParameter.UserIds"),
                ("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": [\#(elevenUsers)]}"#, "InvalidParameter.UserIds"),
                ("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 0}"#, "InvalidParameterValue.RoomId"),
                ("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 4294967295}"#, "InvalidParameterValue.RoomId"),
                ("DismissRoomByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": ""}"#, "InvalidParameterValue.RoomId"),
                ("DismissRoomByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": "room/1"}"#, "InvalidParameterValue.RoomId"),
                ("DismissRoomByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": "\#(String(repeating: "r", count: 65))"}"#, "InvalidParameterValue.RoomId"),
                ("RemoveUserByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": "café", "UserIds": ["alice"]}"#, "InvalidParameterValue.RoomId"),
                ("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 1}"#, "FailedOperation.RoomNotExist"),
                ("DismissRoom", #"{"SdkAppId": 1400000001, "RoomId": 124}"#, "FailedOperation.RoomNotExist"),
                ("DismissRoomByStrRoomId", #"{"SdkAppId": 1400000001, "RoomId": "123"}"#, "FailedOperation.RoomNotExist"),
                ("DismissRoom", #"{"SdkAppId": 1400000009, "RoomId": 123}"#, "FailedOperation.RoomNotExist"),
                ("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 124, "UserIds": ["alice"]}"#, "FailedOperation.RoomNotExist"),
            ]
            let gets: [(action: String, query: String, code: String)] = [
                ("DismissRoom", "RoomId=123", "MissingParameter.SdkAppId"),
                ("RemoveUser", "SdkAppId=1400000001&RoomId=123", "MissingParameter.UserIds"),
                ("DismissRoom", "SdkAppId=app&RoomId=123", "InvalidParameter.SdkAppId"),
                ("DismissRoom", "SdkAppId=1400000001&RoomId=abc", "InvalidParameter.RoomId"),
                ("RemoveUser", "SdkAppId=1400000001&RoomId=123&" + (0..<11).map { "UserIds.\($0)=u\($0)" }.joined(separator: "&"),
                 "InvalidParameter.UserIds"),
                ("DismissRoom", "SdkAppId=1400000001&RoomId=0", "InvalidParameterValue.RoomId"),
                ("DismissRoomByStrRoomId", "SdkAppId=1400000001&RoomId=room%2F1", "InvalidParameterValue.RoomId"),
                ("DismissRoomByStrRoomId", "SdkAppId=1400000001&RoomId=123", "FailedOperation.RoomNotExist"),
            ]
            for (action, body, code) in posts {
                let reply = try await rest.post(action, body)
                #expect(reply.isWellFormed && reply.errorCode == code, "POST \(action) \(body): \(reply) \(reply.shapeProblems)")
            }
            for (action, query, code) in gets {
                let reply = try await rest.get(action, query: query)
                #expect(reply.isWellFormed && reply.errorCode == code, "GET \(action)?\(query): \(reply) \(reply.shapeProblems)")
            }
            #expect(try await rest.badInputCount("rest_parameters") == posts.count + gets.count)
            #expect(try await rest.badInputCount("rest_authentication") == 0)

            let (bob, members) = try await Self.membersSeenByNewcomer(server, userId: "bob", roomId: 123)
            #expect(members == ["alice"])
            await alice.close()
            await bob.close()
        }
    }

    @Test("A body over 64 KiB is answered in the Cloud API shape, not with an HTTP error")
    func oversizedBody() async throws {
        try await Self.withServer { server in
            let rest = Self.client(server)
            let body = #"{"SdkAppId": 1400000001, "RoomId": 123, "Padding": "\#(String(repeating: "x", count: 100_000))"}"#
            let reply = try await rest.post("DismissRoom", body)
            #expect(reply.isWellFormed && reply.errorCode == "InvalidParameter", "\(reply.status) \(reply.shapeProblems)")
            #expect(try await rest.badInputCount("rest_parameters") == 1)
        }
    }

    // MARK: RemoveUser semantics.

    @Test("RemoveUser of a user not in the room succeeds; a removed user's UserSig is refused (-3340), a new one works")
    func removeUserIsIdempotentAndBansTheUserSig() async throws {
        try await Self.withServer { server in
            let rest = Self.client(server)
            let issuer = UserSigIssuer(sdkAppId: Self.app.sdkAppId, secretKey: Self.app.secretKey)
            let bobSig = issuer.generate(userId: "bob")
            let alice = try await TestParticipant(url: server.signalingURL, userId: "alice", roomId: 123)
            let bob = try await TestParticipant(url: server.signalingURL, userId: "bob", roomId: 123, userSig: bobSig)

            let nobody = try await rest.post("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["ghost"]}"#)
            #expect(nobody.isWellFormed && nobody.errorCode == nil, "\(nobody) \(nobody.shapeProblems)")
            let (carol, members) = try await Self.membersSeenByNewcomer(server, userId: "carol", roomId: 123)
            #expect(members == ["alice", "bob"])

            let query = "SdkAppId=1400000001&RoomId=123&UserIds.0=ghost&UserIds.1=bob"
            let removed = try await rest.get("RemoveUser", query: query)
            #expect(removed.isWellFormed && removed.errorCode == nil, "\(removed) \(removed.shapeProblems)")
            #expect(try await Self.kicked(bob) == Kicked(reason: .banned, code: 1))
            #expect(try await alice.waitForLeave(of: "bob") == .kicked)
            #expect(try await carol.waitForLeave(of: "bob") == .kicked)
            let again = try await rest.post("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 123, "UserIds": ["bob"]}"#)
            #expect(again.isWellFormed && again.errorCode == nil, "\(again)")

            do {
                let sneaky = try await TestParticipant(url: server.signalingURL, userId: "bob", roomId: 123, userSig: bobSig)
                Issue.record("bob re-entered with the UserSig RemoveUser banned: \(sneaky.joinAnswer)")
                await sneaky.close()
            } catch let reply as ErrorReply {
                #expect(reply.code == .enterRoomRefused, "\(reply)")
            }
            let freshSig = issuer.generate(userId: "bob", expire: UserSigIssuer.defaultExpire - 1)
            let back = try await TestParticipant(url: server.signalingURL, userId: "bob", roomId: 123, userSig: freshSig)
            #expect(back.joinAnswer.users.map(\.userId).sorted() == ["alice", "carol"])
            for member in [alice, bob, carol, back] { await member.close() }
        }
    }

    // MARK: Rate limit.

    @Test("More than 20 requests in a second for one SdkAppId and action get RequestLimitExceeded; other actions and apps do not")
    func rateLimit() async throws {
        try await Self.withServer { server in
            let rest = Self.client(server)
            let body = #"{"SdkAppId": 1400000001, "RoomId": 999}"#
            // Signed up front and sent all at once, so that they arrive within one second even on a loaded machine.
            let burst = (0..<60).map { _ in rest.signedPOST("DismissRoom", body) }
            let replies = try await withThrowingTaskGroup(of: RESTReply.self) { group in
                for headers in burst {
                    group.addTask { try await rest.send(method: "POST", headers: headers, body: body) }
                }
                return try await group.reduce(into: [RESTReply]()) { $0.append($1) }
            }
            let codes = replies.map { $0.errorCode ?? "success" }
            let limited = codes.filter { $0 == "RequestLimitExceeded" }.count
            #expect(replies.allSatisfy { $0.isWellFormed })
            #expect(limited >= 1, "\(codes)")
            #expect(codes.filter { $0 == "FailedOperation.RoomNotExist" }.count >= 20, "\(codes)")
            #expect(limited + codes.filter { $0 == "FailedOperation.RoomNotExist" }.count == burst.count, "\(codes)")

            let otherAction = try await rest.post("RemoveUser", #"{"SdkAppId": 1400000001, "RoomId": 999, "UserIds": ["a"]}"#)
            #expect(otherAction.errorCode == "FailedOperation.RoomNotExist", "\(otherAction)")
            let otherApp = try await rest.post("DismissRoom", #"{"SdkAppId": 1400000002, "RoomId": 999}"#)
            #expect(otherApp.errorCode == "FailedOperation.RoomNotExist", "\(otherApp)")
            #expect(try await rest.badInputCount("rest_rate_limited") == limited)
        }
    }
}
