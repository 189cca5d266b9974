// Data Messages (TRTC guide): sendCustomCmdMsg sends small messages to everyone in the room over
// the media connection: reliable (arrive once, in order) or unreliable (may be lost, never late).
// cmdID 1…10, at most 1 KiB each, 30 per second and 8 KiB/s; `reliable` and `ordered` must match.
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("DataMessages", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 2009

let (alice, aliceEvents) = makeCloud("alice")
alice.enterRoom(server.params(userId: "alice", roomId: roomId), appScene: .audioCall)
await aliceEvents.waitUntilEntered()
let (bob, bobEvents) = makeCloud("bob")
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()
await aliceEvents.wait(for: .remoteUserEnterRoom(userId: "bob"))

// Reliable chat lines on cmdID 1, unreliable cursor positions on cmdID 2.
let chat = (1...5).map { "chat line \($0)" }
for (index, line) in chat.enumerated() {
    guard alice.sendCustomCmdMsg(1, data: Data(line.utf8), reliable: true, ordered: true) else { fail("alice could not send \(line)") }
    guard alice.sendCustomCmdMsg(2, data: Data("cursor \(index * 10),\(index * 5)".utf8), reliable: false, ordered: false) else {
        fail("alice could not send a cursor position")
    }
    try await Task.sleep(for: .milliseconds(50))
}
await bobEvents.wait(for: "the last chat line") {
    if case .customCmdMsg("alice", 1, _, let data) = $0 { String(decoding: data, as: UTF8.self) == chat.last } else { false }
}
let received = bobEvents.events.compactMap { event -> String? in
    if case .customCmdMsg("alice", 1, _, let data) = event { String(decoding: data, as: UTF8.self) } else { nil }
}
guard received == chat else { fail("reliable messages should arrive once each, in order; got \(received)") }
try await Task.sleep(for: .milliseconds(200))
let cursors = bobEvents.events.filter { if case .customCmdMsg("alice", 2, _, _) = $0 { true } else { false } }.count
say("bob got \(received.count)/\(chat.count) reliable chat lines in order and \(cursors)/\(chat.count) unreliable cursor positions")

// bob answers.
guard bob.sendCustomCmdMsg(1, data: Data("got them".utf8), reliable: true, ordered: true) else { fail("bob could not answer") }
await aliceEvents.wait(for: "bob's answer") {
    if case .customCmdMsg("bob", 1, _, let data) = $0 { String(decoding: data, as: UTF8.self) == "got them" } else { false }
}

// What the rules refuse: sendCustomCmdMsg returns false and nothing is sent.
let refusals: [(String, Bool)] = [
    ("cmdID 11", alice.sendCustomCmdMsg(11, data: Data("x".utf8), reliable: true, ordered: true)),
    ("1025 bytes", alice.sendCustomCmdMsg(3, data: Data(count: 1025), reliable: true, ordered: true)),
    ("reliable but unordered", alice.sendCustomCmdMsg(3, data: Data("x".utf8), reliable: true, ordered: false)),
]
for (what, accepted) in refusals {
    say("sendCustomCmdMsg with \(what): \(accepted)")
    guard !accepted else { fail("a message with \(what) should be refused") }
}

for (cloud, events) in [(alice, aliceEvents), (bob, bobEvents)] {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say("OK: \(received.count) reliable messages in order, \(cursors) unreliable ones, an answer, and 3 refusals")
