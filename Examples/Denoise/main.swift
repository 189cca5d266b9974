// Enable AI Denoiser (TRTC guide): setNoiseSuppression(level) cleans the captured audio before it
// is encoded (webrtc-audio-processing's noise suppressor here). Three members send the same noisy
// "voice" (440 Hz syllables in steady white noise), each with another setting; bob measures how
// much noise reaches him from each, beside the voice.
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("Denoise", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 2008

let (bob, bobEvents) = makeCloud("bob")
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()

let settings: [(userId: String, level: TRTCNoiseSuppressionLevel?)] = [("off", nil), ("moderate", .moderate), ("veryHigh", .veryHigh)]
var senders: [TRTCCloud] = []
var printers: [CallbackPrinter] = []
for (userId, level) in settings {
    let (cloud, events) = makeCloud(userId)
    cloud.enableCustomAudioCapture(true)
    // The senders play nothing: with the others' identical tone in its far end, the echo
    // canceller would (rightly) remove the tone as echo.
    cloud.setDefaultStreamRecvMode(false, video: false)
    cloud.setNoiseSuppression(level)  // before startLocalAudio: it applies from the next start
    cloud.enterRoom(server.params(userId: userId, roomId: roomId), appScene: .audioCall)
    await events.waitUntilEntered()
    cloud.startLocalAudio(.default)
    senders.append(cloud)
    printers.append(events)
}
for (userId, _) in settings { await bobEvents.wait(for: .userAudioAvailable(userId: userId, available: true)) }

// All three send the same signal at once: a −17 dBFS tone in −30 dBFS white noise.
let clouds = senders
/// The "voice": a 440 Hz tone in 250 ms syllables with 250 ms pauses, as speech comes and goes
/// (a suppressor rightly takes a tone that never stops for noise).
struct Voice {
    var tone = ToneGenerator(frequency: 440, amplitude: 9000)
    var position = 0

    mutating func next(_ count: Int) -> [Int16] {
        defer { position += count }
        return zip(position..<(position + count), tone.next(count)).map { index, sample in
            index % 24_000 < 12_000 ? sample : 0
        }
    }
}
var voice = Voice()
var noise = NoiseGenerator(amplitude: 1800)
let sent = mix(voice.next(48_000), noise.next(48_000))
say(String(format: "sent: voice %.1f dBFS, noise %.1f dBFS", PitchDetector.level(at: 440, in: sent), PitchDetector.noiseLevel(sent)))
await AudioPacer.pace(for: .seconds(4)) {
    let samples = mix(voice.next(960), noise.next(960))
    for cloud in clouds { cloud.sendCustomAudioData(TRTCAudioFrame(samples: samples, sampleRate: 48_000, channels: 1)) }
}

// The last 1.5 s from each: the suppressor has settled by then.
var noiseLevels: [String: Double] = [:]
for (userId, _) in settings {
    let received = Array(bobEvents.audio(from: userId).suffix(72_000))
    let toneLevel = PitchDetector.level(at: 440, in: received)
    let noiseLevel = PitchDetector.noiseLevel(received)
    noiseLevels[userId] = noiseLevel
    let name = userId.padding(toLength: 8, withPad: " ", startingAt: 0)
    say("from \(name) bob hears the tone at " + String(format: "%6.1f dBFS and the noise at %6.1f dBFS", toneLevel, noiseLevel))
    guard toneLevel > -30 else { fail("the tone from \(userId) should stay audible, got \(toneLevel) dBFS") }
}
let off = noiseLevels["off"] ?? 0
let veryHigh = noiseLevels["veryHigh"] ?? 0
guard veryHigh < off - 6 else {
    fail(String(format: "noise suppression should lower the noise by more than 6 dB: off %.1f, veryHigh %.1f dBFS", off, veryHigh))
}

for (cloud, events) in zip(senders + [bob], printers + [bobEvents]) {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say(String(format: "OK: the noise bob heard fell from %.1f dBFS (off) to %.1f dBFS (veryHigh)", off, veryHigh))
