// Entering a Room (TRTC guide, page 3): enterRoom with TRTCParams, onEnterRoom(elapsed ms),
// the others' onRemoteUserEnterRoom, and what a refused entry looks like.
import ExampleSupport
import RTCEngine

Watchdog.start("EnterRoom", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 1234

// alice enters a numeric room as an anchor of an audio call.
let (alice, aliceEvents) = makeCloud("alice")
var params = TRTCParams()
params.sdkAppId = server.app.sdkAppId
params.userId = "alice"
params.userSig = server.userSig(for: "alice")
params.roomId = roomId
params.role = .anchor
params.serverURL = server.signalingURL
alice.enterRoom(params, appScene: .audioCall)
let elapsed = await aliceEvents.waitUntilEntered()
say("alice is in room \(roomId) after \(elapsed) ms")

// bob enters the same room; each sees the other.
let (bob, bobEvents) = makeCloud("bob")
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()
await aliceEvents.wait(for: .remoteUserEnterRoom(userId: "bob"))
await bobEvents.wait(for: .remoteUserEnterRoom(userId: "alice"))

// A string room is another room: "1234" is not 1234.
let (carol, carolEvents) = makeCloud("carol")
carol.enterRoom(server.params(userId: "carol", strRoomId: "\(roomId)"), appScene: .audioCall)
await carolEvents.waitUntilEntered()

// A UserSig signed for someone else is refused: onError, then onEnterRoom with the (negative) code.
let (mallory, malloryEvents) = makeCloud("mallory")
var forged = server.params(userId: "mallory", roomId: roomId)
forged.userSig = server.userSig(for: "alice")
mallory.enterRoom(forged, appScene: .audioCall)
let refused = await malloryEvents.wait(for: "onEnterRoom") { if case .enterRoom = $0 { true } else { false } }
guard case .enterRoom(let code) = refused, code == TXLiteAVError.ERR_TRTC_USER_SIG_CHECK_FAILED.rawValue else {
    fail("a forged UserSig should be refused with \(TXLiteAVError.ERR_TRTC_USER_SIG_CHECK_FAILED.rawValue), got \(refused)")
}
guard malloryEvents.events.contains(where: { if case .error = $0 { true } else { false } }) else {
    fail("a refused entry should also call onError")
}
if aliceEvents.events.contains(.remoteUserEnterRoom(userId: "carol")) || aliceEvents.events.contains(.remoteUserEnterRoom(userId: "mallory")) {
    fail("alice saw a member of another room, or a refused one")
}

for (cloud, events) in [(alice, aliceEvents), (bob, bobEvents), (carol, carolEvents)] {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say("OK: entered room \(roomId) in \(elapsed) ms; room \"\(roomId)\" was another room; a forged UserSig got \(code)")
