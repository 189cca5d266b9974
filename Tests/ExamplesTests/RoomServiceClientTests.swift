import Foundation
import RTCEngine
import RTCServer
import RTCSignaling
import Testing

/// `RoomServiceClient` against a real room server in this process: signed calls, Tencent's
/// error codes, and answers that are not the room service's.
@Suite("RoomServiceClient")
struct RoomServiceClientTests {
    /// A server whose API key may manage `app` only, and a client holding that key.
    struct Fixture {
        let server: RoomServer
        let addresses: ListeningAddresses
        let app = Fixture.app
        let apiKey = Fixture.apiKey
        static let app = AppCredential(sdkAppId: 1_400_000_777, secretKey: "room-service-client-tests-app-key")
        static let apiKey = APICredential(
            secretId: "AKIDroomServiceClientTests", secretKey: "room-service-client-tests-api-key", sdkAppIds: [app.sdkAppId])

        var endpoint: URL { URL(string: "http://\(addresses.http)/")! }
        var client: RoomServiceClient { RoomServiceClient(endpoint: endpoint, secretId: apiKey.secretId, secretKey: apiKey.secretKey) }

        static func start() async throws -> Fixture {
            var configuration = ServerConfiguration()
            configuration.httpPort = 0
            configuration.mediaPort = 0
            configuration.apps = [app]
            configuration.apiKeys = [apiKey]
            let server = RoomServer(configuration: configuration)
            let addresses = try await server.start()
            return Fixture(server: server, addresses: addresses)
        }

        /// A cloud entered into a room as `userId`, and the stream of its events.
        func enter(_ userId: String, roomId: UInt32 = 0, strRoomId: String = "") async throws -> (TRTCCloud, AsyncStream<TRTCEvent>.Iterator) {
            let sig = UserSigIssuer(sdkAppId: app.sdkAppId, secretKey: app.secretKey).generate(userId: userId)
            var params = TRTCParams(sdkAppId: app.sdkAppId, userId: userId, userSig: sig, roomId: roomId, serverURL: addresses.signalingURL)
            params.strRoomId = strRoomId
            let cloud = TRTCCloud()
            cloud.delegateQueue = DispatchQueue(label: "tests.\(userId)")
            var events = cloud.events.makeAsyncIterator()
            cloud.enterRoom(params, appScene: .audioCall)
            let entered = try await next(&events) { if case .enterRoom = $0 { true } else { false } }
            guard case .enterRoom(let result) = entered, result > 0 else { throw FixtureError.notEntered("\(entered)") }
            return (cloud, events)
        }
    }

    enum FixtureError: Error {
        case notEntered(String)
        case ended
    }

    /// The next event matching `predicate`.
    static func next(_ events: inout AsyncStream<TRTCEvent>.Iterator, where predicate: (TRTCEvent) -> Bool) async throws -> TRTCEvent {
        while let event = await events.next() {
            if predicate(event) { return event }
        }
        throw FixtureError.ended
    }

    /// The error a call throws, or nil when it succeeds.
    static func failure(_ call: () async throws(SignalingError) -> String) async -> SignalingError? {
        do {
            _ = try await call()
            return nil
        } catch {
            return error
        }
    }

    @Test("removeUser and dismissRoom (numeric and string rooms) return a RequestId and act on the members")
    func successfulCalls() async throws {
        let fixture = try await Fixture.start()
        let app = fixture.app.sdkAppId
        var (alice, aliceEvents) = try await fixture.enter("alice", roomId: 51)
        var (bob, bobEvents) = try await fixture.enter("bob", strRoomId: "room service")
        let removed = try await fixture.client.removeUser(sdkAppId: app, roomId: 51, userIds: ["alice"])
        #expect(UUID(uuidString: removed) != nil, "RequestId \(removed)")
        #expect(try await Self.next(&aliceEvents) { if case .exitRoom = $0 { true } else { false } } == .exitRoom(reason: 1))
        (alice, aliceEvents) = try await fixture.enter("carol", roomId: 51)
        _ = try await fixture.client.dismissRoom(sdkAppId: app, roomId: 51)
        #expect(try await Self.next(&aliceEvents) { if case .exitRoom = $0 { true } else { false } } == .exitRoom(reason: 2))
        _ = try await fixture.client.removeUser(sdkAppId: app, strRoomId: "room service", userIds: ["nobody"])
        _ = try await fixture.client.dismissRoom(sdkAppId: app, strRoomId: "room service")
        #expect(try await Self.next(&bobEvents) { if case .exitRoom = $0 { true } else { false } } == .exitRoom(reason: 2))
        _ = (alice, bob)
        await fixture.server.shutdown()
    }

    @Test("Tencent's error codes come back as cloudAPIFailed with the Code, Message and RequestId")
    func serviceErrors() async throws {
        let fixture = try await Fixture.start()
        let app = fixture.app.sdkAppId
        let missing = await Self.failure { () async throws(SignalingError) -> String in try await fixture.client.dismissRoom(sdkAppId: app, roomId: 99) }
        guard case .cloudAPIFailed(let code, let message, let requestId)? = missing else {
            Issue.record("expected cloudAPIFailed, got \(String(describing: missing))")
            return
        }
        #expect(code == "FailedOperation.RoomNotExist")
        #expect(!message.isEmpty)
        #expect(UUID(uuidString: requestId) != nil)
        #expect(missing?.cloudAPICode == "FailedOperation.RoomNotExist")

        let wrongKey = RoomServiceClient(endpoint: fixture.endpoint, secretId: fixture.apiKey.secretId, secretKey: "wrong")
        let unknownId = RoomServiceClient(endpoint: fixture.endpoint, secretId: "AKIDunknown", secretKey: fixture.apiKey.secretKey)
        let cases: [(RoomServiceClient, UInt32, String)] = [
            (wrongKey, app, "AuthFailure.SignatureFailure"),
            (unknownId, app, "AuthFailure.SecretIdNotFound"),
            (fixture.client, app + 1, "UnauthorizedOperation.SdkAppId"),
        ]
        for (client, sdkAppId, expected) in cases {
            let error = await Self.failure { () async throws(SignalingError) -> String in try await client.dismissRoom(sdkAppId: sdkAppId, roomId: 1) }
            #expect(error?.cloudAPICode == expected, "\(String(describing: error))")
        }
        let noUsers = await Self.failure { () async throws(SignalingError) -> String in
            try await fixture.client.removeUser(sdkAppId: app, roomId: 1, userIds: [])
        }
        #expect(noUsers?.cloudAPICode?.hasSuffix("UserIds") == true, "\(String(describing: noUsers))")
        await fixture.server.shutdown()
    }

    @Test("no server, or an answer that is not the room service's: cloudAPIUnanswered")
    func unanswered() async throws {
        let fixture = try await Fixture.start()
        let key = fixture.apiKey
        let notTheService = RoomServiceClient(endpoint: URL(string: "http://\(fixture.addresses.http)/healthz")!, secretId: key.secretId, secretKey: key.secretKey)
        let healthz = await Self.failure { () async throws(SignalingError) -> String in try await notTheService.dismissRoom(sdkAppId: 1, roomId: 1) }
        guard case .cloudAPIUnanswered(let action, _)? = healthz else {
            Issue.record("expected cloudAPIUnanswered, got \(String(describing: healthz))")
            return
        }
        #expect(action == "DismissRoom")
        await fixture.server.shutdown()

        let closed = RoomServiceClient(endpoint: fixture.endpoint, secretId: key.secretId, secretKey: key.secretKey, timeout: 5)
        let refused = await Self.failure { () async throws(SignalingError) -> String in try await closed.dismissRoom(sdkAppId: 1, roomId: 1) }
        if case .cloudAPIUnanswered? = refused {} else { Issue.record("expected cloudAPIUnanswered, got \(String(describing: refused))") }
    }
}
