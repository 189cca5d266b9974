// Exiting a Room (TRTC guide, page 6): the four ways a stay ends, each with onExitRoom(reason) for
// the one who leaves and what the other member (bob) sees:
//   exitRoom()                     → onExitRoom(0);  bob: onRemoteUserLeaveRoom(alice, 0)
//   RemoveUser (REST, app backend) → onExitRoom(1);  bob: onRemoteUserLeaveRoom(alice, 2)
//   the same userId enters again   → onWarning(kick) + onExitRoom(1)
//   DismissRoom (REST)             → onExitRoom(2) for everyone
import ExampleSupport
import Foundation
import RTCEngine
import RTCSignaling

Watchdog.start("ExitRoom", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 2003
let roomService = server.roomService

let (bob, bobEvents) = makeCloud("bob")
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()
let (alice, aliceEvents) = makeCloud("alice")

/// Prints bob's callbacks since `mark`: what the other member saw.
func bobSaw(since mark: Int) {
    let seen = bobEvents.events.dropFirst(mark).filter {
        switch $0 {
        case .statistics, .networkQuality, .userVoiceVolume: false
        default: true
        }
    }
    say("  bob saw: " + seen.map(CallbackPrinter.describe).joined(separator: ", "))
}

/// alice enters with `params` and bob sees her.
func aliceEnters(_ cloud: TRTCCloud, _ events: CallbackPrinter, _ params: TRTCParams) async {
    let (mark, ownMark) = (bobEvents.count, events.count)
    cloud.enterRoom(params, appScene: .audioCall)
    await events.waitUntilEntered(after: ownMark)
    await bobEvents.wait(for: .remoteUserEnterRoom(userId: "alice"), after: mark)
}

/// Fails if `events` got `onTryToReconnect` after `mark`: a client the server removed stays out.
func expectNoReconnection(_ events: CallbackPrinter, after mark: Int) async {
    try? await Task.sleep(for: .milliseconds(300))
    if events.events.dropFirst(mark).contains(.tryToReconnect) {
        fail("\(events.name) tried to reconnect after the server removed it")
    }
}

// 1. alice leaves by herself.
say("1. exitRoom()")
await aliceEnters(alice, aliceEvents, server.params(userId: "alice", roomId: roomId))
var mark = bobEvents.count
var aliceMark = aliceEvents.count
alice.exitRoom()
await aliceEvents.wait(for: .exitRoom(reason: 0), after: aliceMark)
await bobEvents.wait(for: .remoteUserLeaveRoom(userId: "alice", reason: 0), after: mark)
bobSaw(since: mark)

// 2. The app's backend removes alice (RemoveUser, a TC3-signed REST call).
say("2. RemoveUser over REST")
let removedParams = server.params(userId: "alice", roomId: roomId)
await aliceEnters(alice, aliceEvents, removedParams)
mark = bobEvents.count
aliceMark = aliceEvents.count
do {
    let requestId = try await roomService.removeUser(sdkAppId: server.app.sdkAppId, roomId: roomId, userIds: ["alice"])
    say("  RemoveUser answered RequestId \(requestId)")
} catch {
    fail("RemoveUser failed: \(error)")
}
await aliceEvents.wait(for: .exitRoom(reason: 1), after: aliceMark)
await bobEvents.wait(for: .remoteUserLeaveRoom(userId: "alice", reason: 2), after: mark)
await expectNoReconnection(aliceEvents, after: aliceMark)
bobSaw(since: mark)

// 3. alice enters again, then once more from another device: the first one is kicked. The
//    UserSig that RemoveUser removed is refused for a while, so alice's backend issues new ones.
say("3. the same userId enters elsewhere")
let issuer = UserSigIssuer(sdkAppId: server.app.sdkAppId, secretKey: server.app.secretKey)
var freshParams = removedParams
freshParams.userSig = issuer.generate(userId: "alice", expire: 3600)
await aliceEnters(alice, aliceEvents, freshParams)
let (aliceElsewhere, elsewhereEvents) = makeCloud("alice#2")
mark = bobEvents.count
aliceMark = aliceEvents.count
freshParams.userSig = issuer.generate(userId: "alice", expire: 7200)
aliceElsewhere.enterRoom(freshParams, appScene: .audioCall)
await elsewhereEvents.waitUntilEntered()
await aliceEvents.wait(for: .exitRoom(reason: 1), after: aliceMark)
let kick = await aliceEvents.wait(for: "onWarning(WARNING_KICKED_BY_SAME_USER)", after: aliceMark) {
    if case .warning(.WARNING_KICKED_BY_SAME_USER, _) = $0 { true } else { false }
}
guard case .warning(_, let kickMessage) = kick, kickMessage?.contains("kick") == true else {
    fail("the kick warning should name \"kick\", got \(CallbackPrinter.describe(kick))")
}
await bobEvents.wait(for: .remoteUserEnterRoom(userId: "alice"), after: mark)
await expectNoReconnection(aliceEvents, after: aliceMark)
bobSaw(since: mark)

// 4. The backend dismisses the room: everyone left in it exits with reason 2.
say("4. DismissRoom over REST")
mark = bobEvents.count
let elsewhereMark = elsewhereEvents.count
do {
    let requestId = try await roomService.dismissRoom(sdkAppId: server.app.sdkAppId, roomId: roomId)
    say("  DismissRoom answered RequestId \(requestId)")
} catch {
    fail("DismissRoom failed: \(error)")
}
await elsewhereEvents.wait(for: .exitRoom(reason: 2), after: elsewhereMark)
await bobEvents.wait(for: .exitRoom(reason: 2), after: mark)
await expectNoReconnection(elsewhereEvents, after: elsewhereMark)
await expectNoReconnection(bobEvents, after: mark)
bobSaw(since: mark)

await server.shutdown()
say("OK: exitRoom → 0, RemoveUser → 1 (bob saw 2), same userId → kick + 1, DismissRoom → 2")
