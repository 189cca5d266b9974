// Server API: End Calls (TRTC's DismissRoom): the app's backend ends a call for everyone with a
// Tencent Cloud API 3.0 request signed with TC3-HMAC-SHA256. RoomServiceClient (RTCSignaling) is
// that backend call; it returns the RequestId or throws Tencent's error Code and Message.
import ExampleSupport
import Foundation
import RTCEngine
import RTCSignaling

Watchdog.start("EndCall", seconds: 15)
let server = await ExampleServer.start()
guard let apiKey = server.apiKey else { fail("EndCall needs --api-key SECRETID:SECRETKEY with --server") }
let sdkAppId = server.app.sdkAppId

// Two calls: a numeric room and a string room.
var members: [(TRTCCloud, CallbackPrinter)] = []
for (userId, params) in [
    ("alice", server.params(userId: "alice", roomId: 3001)), ("bob", server.params(userId: "bob", roomId: 3001)),
    ("carol", server.params(userId: "carol", strRoomId: "standup")), ("dave", server.params(userId: "dave", strRoomId: "standup")),
] {
    let (cloud, events) = makeCloud(userId)
    cloud.enterRoom(params, appScene: .audioCall)
    await events.waitUntilEntered()
    members.append((cloud, events))
}

// The backend's client: the REST endpoint and the SecretId/SecretKey pair.
let roomService = RoomServiceClient(endpoint: server.restEndpoint, secretId: apiKey.secretId, secretKey: apiKey.secretKey)

do {
    let requestId = try await roomService.dismissRoom(sdkAppId: sdkAppId, roomId: 3001)
    say("DismissRoom(3001) → RequestId \(requestId)")
} catch {
    fail("DismissRoom failed: \(error)")
}
for (_, events) in members.prefix(2) { await events.wait(for: .exitRoom(reason: 2)) }

do {
    let requestId = try await roomService.dismissRoom(sdkAppId: sdkAppId, strRoomId: "standup")
    say("DismissRoomByStrRoomId(\"standup\") → RequestId \(requestId)")
} catch {
    fail("DismissRoomByStrRoomId failed: \(error)")
}
for (_, events) in members.suffix(2) { await events.wait(for: .exitRoom(reason: 2)) }

// Errors come back with Tencent's codes.
/// Calls DismissRoom(3001) with `client` and returns the error Code it gets.
func errorCode(of client: RoomServiceClient, _ label: String) async -> String {
    do {
        let requestId = try await client.dismissRoom(sdkAppId: sdkAppId, roomId: 3001)
        fail("\(label) should fail, got RequestId \(requestId)")
    } catch {
        say("\(label) → \(error)")
        return error.cloudAPICode ?? "no code"
    }
}
let gone = await errorCode(of: roomService, "DismissRoom(3001) again")
let forged = await errorCode(
    of: RoomServiceClient(endpoint: server.restEndpoint, secretId: apiKey.secretId, secretKey: "not-the-key"), "a wrong SecretKey")
guard gone == "FailedOperation.RoomNotExist", forged == "AuthFailure.SignatureFailure" else {
    fail("expected FailedOperation.RoomNotExist and AuthFailure.SignatureFailure, got \(gone) and \(forged)")
}

await server.shutdown()
say("OK: both calls ended for all 4 members (onExitRoom(2)); errors: \(gone), \(forged)")
