// Testing Network Quality (TRTC guide): TRTC's startSpeedTest measures RTT, loss and bandwidth to
// the server before a call. TRTCCloud has no startSpeedTest yet, so this example does a minimal,
// honest version with the public API: a probe enters a private test room with a peer, both send
// audio for a few seconds, and the probe reads RTT and loss from onStatistics; the quality is
// graded with TRTCQuality.grade, as onNetworkQuality grades it. It measures the bitrate one audio
// stream uses, not the available bandwidth.
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("SpeedTest", seconds: 15)
let server = await ExampleServer.start()
let testRoom = "speedtest-\(UInt32.random(in: 1...UInt32.max))"

let (probe, probeEvents) = makeCloud("probe")
let (peer, peerEvents) = makeCloud("peer")
for (cloud, events, userId) in [(probe, probeEvents, "probe"), (peer, peerEvents, "peer")] {
    cloud.enableCustomAudioCapture(true)
    cloud.enterRoom(server.params(userId: userId, strRoomId: testRoom), appScene: .audioCall)
    await events.waitUntilEntered()
    cloud.startLocalAudio(.default)
}
let probeTone = AudioPacer.startTone(to: probe, frequency: 440)
let peerTone = AudioPacer.startTone(to: peer, frequency: 660)

// Statistics come every 2 s; wait for three reports that carry an RTT and the peer's stream.
await probeEvents.wait(for: "three reports with an RTT", timeout: .seconds(11)) { _ in
    probeEvents.events.filter { if case .statistics(let s) = $0 { s.rtt > 0 } else { false } }.count >= 3
}
let measured = probeEvents.events.compactMap { event -> TRTCStatistics? in
    if case .statistics(let s) = event, s.rtt > 0 { s } else { nil }
}
guard let first = measured.first, let last = measured.last else { fail("no statistics") }
let rtts = measured.map(\.rtt).sorted()
let rtt = rtts[rtts.count / 2]
let upLoss = Double(measured.map(\.upLoss).max() ?? 0) / 100
let downLoss = Double(measured.map(\.downLoss).max() ?? 0) / 100
let jitterBuffer = last.remoteStatistics.first { $0.userId == "peer" }?.jitterBufferDelay ?? 0
let seconds = 2.0 * Double(measured.count)
let upKbps = seconds > 2 ? Int(Double(last.sentBytes - first.sentBytes) * 8 / 1000 / (seconds - 2)) : 0
let downKbps = seconds > 2 ? Int(Double(last.receivedBytes - first.receivedBytes) * 8 / 1000 / (seconds - 2)) : 0
let quality = TRTCQuality.grade(loss: max(upLoss, downLoss), rttMilliseconds: rtt)

say("speed test against \(server.signalingURL):")
say("  quality \(quality), rtt \(rtt) ms (median of \(rtts.map(String.init).joined(separator: ", ")))")
say(String(format: "  up loss %.1f %%, down loss %.1f %%, jitter buffer %d ms", upLoss * 100, downLoss * 100, jitterBuffer))
say("  one audio stream used \(upKbps) kbit/s up and \(downKbps) kbit/s down (not the available bandwidth)")
guard rtt > 0, quality != .unknown, quality != .down else { fail("the test measured nothing usable") }

probeTone.cancel()
peerTone.cancel()
for (cloud, events) in [(probe, probeEvents), (peer, peerEvents)] {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say("OK: rtt \(rtt) ms, loss up \(Int(upLoss * 100)) % down \(Int(downLoss * 100)) %, quality \(quality)")
