// Custom Audio Capturing and Playback (TRTC guide): the app supplies the microphone's PCM with
// enableCustomAudioCapture + sendCustomAudioData, and plays the room itself by pulling PCM with
// enableCustomAudioRendering + getCustomAudioRenderingFrame. alice sends a 440 Hz tone at 32 kHz;
// bob pulls 20 ms frames of 48 kHz mono, as a sound card of his own would, and finds the 440 Hz.
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("CustomAudio", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 2006

// bob renders by pull.
let (bob, bobEvents) = makeCloud("bob")
bob.enableCustomAudioRendering(true)
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()

// alice captures by push: 20 ms frames of 32 kHz mono, stamped with generateCustomPTS().
let (alice, aliceEvents) = makeCloud("alice")
alice.enableCustomAudioCapture(true)
alice.enterRoom(server.params(userId: "alice", roomId: roomId), appScene: .audioCall)
await aliceEvents.waitUntilEntered()
alice.startLocalAudio(.default)
let capture = Task.detached {
    var tone = ToneGenerator(frequency: 440, sampleRate: 32_000)
    await AudioPacer.pace(for: .seconds(30)) {
        let frame = TRTCAudioFrame(samples: tone.next(640), sampleRate: 32_000, channels: 1, timestamp: alice.generateCustomPTS())
        alice.sendCustomAudioData(frame)
    }
}
await aliceEvents.wait(for: .sendFirstLocalAudioFrame)
await bobEvents.wait(for: .userAudioAvailable(userId: "alice", available: true))

// bob's "sound card": every 20 ms, 960 samples of 48 kHz mono.
var rendered: [Int16] = []
await AudioPacer.pace(for: .seconds(3)) {
    let frame = TRTCAudioFrame(data: Data(count: 960 * 2), sampleRate: 48_000, channels: 1)
    bob.getCustomAudioRenderingFrame(frame)
    rendered += frame.samples
}
let lastSecond = Array(rendered.suffix(48_000))
let pitch = PitchDetector.dominantFrequency(lastSecond)
say(String(format: "bob pulled %d samples; the last second is %.1f dBFS at %.0f Hz", rendered.count, PitchDetector.level(of: lastSecond), pitch))
guard PitchDetector.hasPitch(lastSecond, near: 440) else {
    fail("bob's custom rendering should carry alice's 440 Hz tone, found \(pitch) Hz")
}

// A frame outside the rules (8 kHz) is refused with a warning, never a crash.
alice.sendCustomAudioData(TRTCAudioFrame(samples: [Int16](repeating: 0, count: 160), sampleRate: 8_000, channels: 1))
await aliceEvents.wait(for: "onWarning(7001)") {
    if case .warning(.WARNING_CUSTOM_AUDIO_FRAME_INVALID, _) = $0 { true } else { false }
}

capture.cancel()
for (cloud, events) in [(alice, aliceEvents), (bob, bobEvents)] {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say(String(format: "OK: 440 Hz sent by custom capture at 32 kHz arrived in custom rendering as %.0f Hz", pitch))
