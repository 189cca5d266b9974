// Audio Volume (TRTC guide): enableAudioVolumeEvaluation makes onUserVoiceVolume report every
// user's volume (0–100, the local user as "") every `interval` ms, with a voice-activity flag.
// alice speaks loud, then quietly, then not at all; bob's reports follow.
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("AudioVolume", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 2007

let (bob, bobEvents) = makeCloud("bob")
bob.enableAudioVolumeEvaluation(true, with: TRTCAudioVolumeEvaluateParams(interval: 300, enableVadDetection: true))
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()

let (alice, aliceEvents) = makeCloud("alice")
alice.enableCustomAudioCapture(true)
alice.enableAudioVolumeEvaluation(true, with: TRTCAudioVolumeEvaluateParams(interval: 300))
alice.enterRoom(server.params(userId: "alice", roomId: roomId), appScene: .audioCall)
await aliceEvents.waitUntilEntered()
alice.startLocalAudio(.default)
await bobEvents.wait(for: .userAudioAvailable(userId: "alice", available: true))

/// alice's volumes as bob's reports give them, from the event at `mark` on.
func aliceVolumes(since mark: Int) -> [Int] {
    bobEvents.events.dropFirst(mark).compactMap {
        if case .userVoiceVolume(let volumes, _) = $0 { volumes.first { $0.userId == "alice" }?.volume ?? 0 } else { nil }
    }
}

/// alice sends a 440 Hz tone at `amplitude` for 1.5 s; returns alice's median volume in bob's
/// reports, skipping the first ones while the level changes.
func speak(_ label: String, amplitude: Double) async -> Int {
    let mark = bobEvents.events.count
    var tone = ToneGenerator(frequency: 440, amplitude: amplitude)
    await AudioPacer.send(to: alice, for: .milliseconds(1500)) { tone.next($0) }
    let volumes = Array(aliceVolumes(since: mark).dropFirst(2))
    guard !volumes.isEmpty else { fail("bob got no onUserVoiceVolume while alice spoke \(label)") }
    let median = volumes.sorted()[volumes.count / 2]
    say("alice \(label): bob's reports give her volume \(volumes.map(String.init).joined(separator: ", ")) → \(median)")
    return median
}

let loud = await speak("loud (−11 dBFS)", amplitude: 9000)
let quiet = await speak("quiet (−31 dBFS)", amplitude: 900)
let silent = await speak("silent", amplitude: 0)
guard loud > quiet, quiet > silent, silent <= 5 else {
    fail("volumes should fall with the level: loud \(loud), quiet \(quiet), silent \(silent)")
}
guard aliceEvents.events.contains(where: {
    if case .userVoiceVolume(let volumes, _) = $0 { volumes.contains { $0.userId.isEmpty } } else { false }
}) else { fail("alice should get her own volume (userId \"\")") }

for (cloud, events) in [(alice, aliceEvents), (bob, bobEvents)] {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say("OK: alice's volume as bob saw it: loud \(loud), quiet \(quiet), silent \(silent)")
