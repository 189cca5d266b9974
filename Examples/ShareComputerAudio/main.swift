// Sharing Computer Audio (TRTC guide, page 9): what the computer plays (music, a video, TTS) is
// mixed into the uplink beside the microphone. On Linux the app captures it itself (e.g. a
// PulseAudio monitor source) and hands it over with enableMixExternalAudioFrame +
// mixExternalAudioFrame; here the "computer audio" is a generated 1 kHz tone, 44.1 kHz stereo.
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("ShareComputerAudio", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 2005
let voiceHz = 300.0
let computerHz = 1000.0

let (bob, bobEvents) = makeCloud("bob")
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()

let (alice, aliceEvents) = makeCloud("alice")
alice.enableCustomAudioCapture(true)
alice.enterRoom(server.params(userId: "alice", roomId: roomId), appScene: .audioCall)
await aliceEvents.waitUntilEntered()
alice.startLocalAudio(.music)

/// alice talks (300 Hz "microphone") for `duration`; with `sharing`, the computer audio is mixed in.
func talk(for duration: Duration, sharing: Bool) async -> [Int] {
    var voice = ToneGenerator(frequency: voiceHz, amplitude: 6000)
    var computerLeft = ToneGenerator(frequency: computerHz, amplitude: 6000, sampleRate: 44_100)
    var buffered: [Int] = []
    await AudioPacer.pace(for: duration) {
        alice.sendCustomAudioData(TRTCAudioFrame(samples: voice.next(960), sampleRate: 48_000, channels: 1))
        if sharing {
            let left = computerLeft.next(882)
            let stereo = left.flatMap { [$0, $0] }
            buffered.append(alice.mixExternalAudioFrame(TRTCAudioFrame(samples: stereo, sampleRate: 44_100, channels: 2)))
        }
    }
    return buffered
}

// First the microphone alone…
await bobEvents.wait(for: .userAudioAvailable(userId: "alice", available: true))
_ = await talk(for: .seconds(2), sharing: false)
let before = Array(bobEvents.audio(from: "alice").suffix(48_000))
let voiceBefore = PitchDetector.level(at: voiceHz, in: before)
let computerBefore = PitchDetector.level(at: computerHz, in: before)
say(String(format: "microphone only: bob hears the voice at %.1f dBFS, computer audio at %.1f dBFS", voiceBefore, computerBefore))

// …then with the computer audio mixed into what alice publishes (not into her own playout).
alice.enableMixExternalAudioFrame(true, playout: false)
bobEvents.clearAudio()
let buffered = await talk(for: .seconds(2), sharing: true)
say("mixExternalAudioFrame returned \(buffered.prefix(5).map(String.init).joined(separator: ", ")), … ms buffered")
let after = Array(bobEvents.audio(from: "alice").suffix(48_000))
let voiceAfter = PitchDetector.level(at: voiceHz, in: after)
let computerAfter = PitchDetector.level(at: computerHz, in: after)
say(String(format: "sharing: bob hears the voice at %.1f dBFS, computer audio at %.1f dBFS", voiceAfter, computerAfter))

guard buffered.allSatisfy({ $0 >= 0 }) else { fail("mixExternalAudioFrame refused frames (−1)") }
guard voiceBefore > -40, computerBefore < -50 else { fail("before sharing, bob should hear the voice and no 1 kHz") }
guard voiceAfter > -40, computerAfter > -40, computerAfter > computerBefore + 20 else {
    fail("while sharing, bob should hear both the voice and the computer audio")
}

alice.enableMixExternalAudioFrame(false, playout: false)
guard alice.mixExternalAudioFrame(TRTCAudioFrame(samples: [Int16](repeating: 0, count: 960), sampleRate: 48_000, channels: 1)) == -1 else {
    fail("mixExternalAudioFrame should return −1 once mixing is off")
}
for (cloud, events) in [(alice, aliceEvents), (bob, bobEvents)] {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say(String(format: "OK: the computer audio rose from %.1f to %.1f dBFS at bob while the voice stayed audible", computerBefore, computerAfter))
