// Offline eviction (TRTC's "leaving a chat room"): a member that vanishes without leaving — its
// process crashes, its network goes — is evicted by the server after `userTimeout` seconds of
// silence (no signaling, no STUN consent, no media), and the others see
// onRemoteUserLeaveRoom(userId, reason: 1). Users on the server's allowlist are never evicted.
//
// This program runs itself twice more as members ("--child USERID"), then kills both children
// with SIGKILL: dave is evicted after the 2 s timeout; keeper, allowlisted, stays.
import ExampleSupport
import Foundation
import RTCEngine

let arguments = ExampleArguments(extra: ["--child"])
let roomId: UInt32 = 2010

if let userId = arguments.value("--child") {
    // A member in its own process: enter, publish, and wait to be killed.
    Watchdog.start("OfflineEviction child \(userId)", seconds: 30)
    let server = await ExampleServer.start(arguments)
    let (cloud, events) = makeCloud(userId)
    cloud.enableCustomAudioCapture(true)
    cloud.enterRoom(server.params(userId: userId, roomId: roomId), appScene: .audioCall)
    await events.waitUntilEntered()
    cloud.startLocalAudio(.default)
    await AudioPacer.send(to: cloud, for: .seconds(60)) { [Int16](repeating: 0, count: $0) }
    exit(0)
}

Watchdog.start("OfflineEviction", seconds: 15)
let server = await ExampleServer.start(arguments, userTimeout: 2, allowUsers: ["keeper"])
say("the server evicts after \(server.userTimeout) s of silence; allowlisted: \(server.allowUsers)")

let (alice, aliceEvents) = makeCloud("alice")
alice.enterRoom(server.params(userId: "alice", roomId: roomId), appScene: .audioCall)
await aliceEvents.waitUntilEntered()

/// Starts this program as the member `userId`, its output prefixed with the name.
func startChild(_ userId: String) -> Process {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    child.arguments = server.childArguments + ["--child", userId]
    let pipe = Pipe()
    child.standardOutput = pipe
    child.standardError = pipe
    let handle = pipe.fileHandleForReading
    // A blocking read on a thread of its own: libdispatch's readability handlers crashed under load.
    Thread {
        while case let data = handle.availableData, !data.isEmpty {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                say("  (\(userId)'s process) \(line)")
            }
        }
    }.start()
    do {
        try child.run()
    } catch {
        fail("could not start a child process: \(error)")
    }
    return child
}

let children = ["dave", "keeper"].map { ($0, startChild($0)) }
for (userId, _) in children {
    await aliceEvents.wait(for: .remoteUserEnterRoom(userId: userId), timeout: .seconds(10))
    await aliceEvents.wait(for: .userAudioAvailable(userId: userId, available: true))
}

// Both vanish at once: no leave message, no RTCP BYE, sockets closed by the kernel.
let killed = ContinuousClock.now
for (userId, child) in children {
    kill(child.processIdentifier, SIGKILL)
    child.waitUntilExit()
    say("killed \(userId)'s process (pid \(child.processIdentifier)) with SIGKILL")
}

await aliceEvents.wait(for: .remoteUserLeaveRoom(userId: "dave", reason: 1), timeout: .seconds(8))
let detected = ContinuousClock.now - killed
say("alice saw dave evicted \(seconds(detected)) after the kill")
let waitedSoFar = ContinuousClock.now - killed
await aliceEvents.expectNone("leave of keeper", for: .seconds(2 * server.userTimeout) - waitedSoFar) {
    if case .remoteUserLeaveRoom("keeper", _) = $0 { true } else { false }
}
say("keeper (allowlisted) is still in the room \(seconds(ContinuousClock.now - killed)) after the kill")

alice.exitRoom()
await aliceEvents.wait(for: .exitRoom(reason: 0))
await server.shutdown()
say("OK: dave evicted with reason 1 after \(seconds(detected)); keeper stayed")
