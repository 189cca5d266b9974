// Subscribing to Audio/Video Streams (TRTC guide, page 4): by default every user's audio is
// received and played as soon as it is published; with setDefaultStreamRecvMode(false, …) the app
// chooses whom to receive with muteRemoteAudio(userId, mute: false).
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("SubscribeStreams", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 2001

// bob receives automatically (the default); carol receives only whom she asks for.
let (bob, bobEvents) = makeCloud("bob")
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()

let (carol, carolEvents) = makeCloud("carol")
carol.setDefaultStreamRecvMode(false, video: false)
carol.enterRoom(server.params(userId: "carol", roomId: roomId), appScene: .audioCall)
await carolEvents.waitUntilEntered()

// alice publishes a 440 Hz tone.
let (alice, aliceEvents) = makeCloud("alice")
alice.enableCustomAudioCapture(true)
alice.enterRoom(server.params(userId: "alice", roomId: roomId), appScene: .audioCall)
await aliceEvents.waitUntilEntered()
alice.startLocalAudio(.default)
let tone = AudioPacer.startTone(to: alice, frequency: 440)

// Both learn that alice publishes; only bob starts playing her at once.
await bobEvents.wait(for: .userAudioAvailable(userId: "alice", available: true))
await carolEvents.wait(for: .userAudioAvailable(userId: "alice", available: true))
await bobEvents.wait(for: .firstAudioFrame(userId: "alice"))
try await Task.sleep(for: .seconds(1))
let bobHeard = PitchDetector.dominantFrequency(Array(bobEvents.audio(from: "alice").suffix(24_000)))
say("bob (automatic) hears alice at \(Int(bobHeard.rounded())) Hz")
guard PitchDetector.hasPitch(Array(bobEvents.audio(from: "alice").suffix(24_000)), near: 440) else {
    fail("bob should hear alice's 440 Hz tone, heard \(bobHeard) Hz")
}
guard carolEvents.audio(from: "alice").isEmpty, !carolEvents.events.contains(.firstAudioFrame(userId: "alice")) else {
    fail("carol (manual mode) received alice before asking for her")
}
say("carol (manual) has received nothing from alice yet; she asks for alice's audio")

// carol subscribes to alice.
carol.muteRemoteAudio("alice", mute: false)
await carolEvents.wait(for: .firstAudioFrame(userId: "alice"))
try await Task.sleep(for: .seconds(1))
let carolHeard = PitchDetector.dominantFrequency(Array(carolEvents.audio(from: "alice").suffix(24_000)))
say("carol (manual, subscribed) hears alice at \(Int(carolHeard.rounded())) Hz")
guard PitchDetector.hasPitch(Array(carolEvents.audio(from: "alice").suffix(24_000)), near: 440) else {
    fail("carol should hear alice's 440 Hz tone after muteRemoteAudio(\"alice\", mute: false), heard \(carolHeard) Hz")
}

// bob unsubscribes: no more of alice's audio reaches him.
bob.muteRemoteAudio("alice", mute: true)
try await Task.sleep(for: .milliseconds(500))
bobEvents.clearAudio()
try await Task.sleep(for: .seconds(1))
let afterMute = PitchDetector.level(of: bobEvents.audio(from: "alice"))
say("bob after muteRemoteAudio(\"alice\", mute: true): \(bobEvents.audio(from: "alice").count) samples from alice, level \(Int(afterMute)) dBFS")
guard afterMute < -60 else { fail("bob still receives alice's audio after muting her (\(afterMute) dBFS)") }

tone.cancel()
for (cloud, events) in [(alice, aliceEvents), (bob, bobEvents), (carol, carolEvents)] {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say("OK: automatic and manual receiving both heard 440 Hz; muting stopped bob's reception")
