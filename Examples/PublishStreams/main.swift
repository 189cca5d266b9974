// Publishing Audio/Video Streams (TRTC guide, page 5): startLocalAudio publishes, muteLocalAudio
// pauses, stopLocalAudio stops; the others follow with onUserAudioAvailable. This engine has no
// capture device: the app's PCM goes in with enableCustomAudioCapture + sendCustomAudioData.
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("PublishStreams", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 2002

let (bob, bobEvents) = makeCloud("bob")
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()

// alice publishes her "microphone": a 300 Hz tone through custom capture, speech quality (16 kHz).
let (alice, aliceEvents) = makeCloud("alice")
alice.enableCustomAudioCapture(true)
alice.enterRoom(server.params(userId: "alice", roomId: roomId), appScene: .audioCall)
await aliceEvents.waitUntilEntered()
alice.startLocalAudio(.speech)
let tone = AudioPacer.startTone(to: alice, frequency: 300)
await aliceEvents.wait(for: .sendFirstLocalAudioFrame)
await bobEvents.wait(for: .userAudioAvailable(userId: "alice", available: true))
await bobEvents.wait(for: .firstAudioFrame(userId: "alice"))
try await Task.sleep(for: .seconds(1))
let heard = Array(bobEvents.audio(from: "alice").suffix(24_000))
say("bob hears alice at \(Int(PitchDetector.dominantFrequency(heard).rounded())) Hz")
guard PitchDetector.hasPitch(heard, near: 300) else { fail("bob should hear alice's 300 Hz tone") }

// Muting keeps the stream (a trickle of DTX) and tells the others; unmuting brings it back.
var mark = bobEvents.count
alice.muteLocalAudio(true)
await bobEvents.wait(for: .userAudioAvailable(userId: "alice", available: false), after: mark)
mark = bobEvents.count
alice.muteLocalAudio(false)
await bobEvents.wait(for: .userAudioAvailable(userId: "alice", available: true), after: mark)

// Stopping ends publishing.
mark = bobEvents.count
alice.stopLocalAudio()
tone.cancel()
await bobEvents.wait(for: .userAudioAvailable(userId: "alice", available: false), after: mark)

// Without custom capture there is no source: startLocalAudio warns (1201) and publishes silence.
let (dave, daveEvents) = makeCloud("dave")
dave.enterRoom(server.params(userId: "dave", roomId: roomId), appScene: .audioCall)
await daveEvents.waitUntilEntered()
dave.startLocalAudio(.default)
await daveEvents.wait(for: "onWarning(1201)") {
    if case .warning(.WARNING_MICROPHONE_NOT_FOUND, _) = $0 { true } else { false }
}
await bobEvents.wait(for: .userAudioAvailable(userId: "dave", available: true))

for (cloud, events) in [(alice, aliceEvents), (bob, bobEvents), (dave, daveEvents)] {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say("OK: published, muted, unmuted and stopped; bob followed each step")
