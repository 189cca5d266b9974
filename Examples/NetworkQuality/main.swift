// Sensing Network Quality (TRTC guide, page 7): every 2 s, onNetworkQuality grades the local and
// each remote user's network (excellent … down) and onStatistics gives the figures behind it:
// RTT from RTCP, loss each way, bitrates, the jitter buffer's delay.
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("NetworkQuality", seconds: 15)
let server = await ExampleServer.start()
let roomId: UInt32 = 2004

let (alice, aliceEvents) = makeCloud("alice")
alice.enableCustomAudioCapture(true)
alice.enterRoom(server.params(userId: "alice", roomId: roomId), appScene: .audioCall)
await aliceEvents.waitUntilEntered()
let (bob, bobEvents) = makeCloud("bob")
bob.enableCustomAudioCapture(true)
bob.enterRoom(server.params(userId: "bob", roomId: roomId), appScene: .audioCall)
await bobEvents.waitUntilEntered()

// Both talk, so that each has a stream to send and one to receive.
alice.startLocalAudio(.default)
bob.startLocalAudio(.default)
let aliceTone = AudioPacer.startTone(to: alice, frequency: 440)
let bobTone = AudioPacer.startTone(to: bob, frequency: 550)

// The first reports come about 2 s after entering; RTT needs a Sender Report and its answer.
let graded = await bobEvents.wait(for: "a grade of alice's network", timeout: .seconds(10)) {
    if case .networkQuality(_, let remote) = $0 { remote.contains { $0.userId == "alice" && $0.quality != .unknown } } else { false }
}
let measured = await aliceEvents.wait(for: "statistics with an RTT", timeout: .seconds(10)) {
    if case .statistics(let s) = $0 { s.rtt > 0 && s.sentBytes > 0 && s.remoteStatistics.contains { $0.userId == "bob" && $0.audioBitrate > 0 } } else { false }
}
guard case .networkQuality(let local, let remote) = graded, case .statistics(let statistics) = measured else { fail("unreachable") }
say("bob's view: his network is \(local.quality), alice's is \(remote.first { $0.userId == "alice" }?.quality ?? .unknown)")
say("alice's statistics: rtt \(statistics.rtt) ms, upLoss \(statistics.upLoss) %, downLoss \(statistics.downLoss) %, sent \(statistics.sentBytes) B, received \(statistics.receivedBytes) B")
for stream in statistics.remoteStatistics {
    say("  from \(stream.userId): \(stream.audioBitrate) kbit/s at \(stream.audioSampleRate) Hz, loss \(stream.audioPacketLoss) %, jitter buffer \(stream.jitterBufferDelay) ms, end to end ≈ \(stream.point2PointDelay) ms")
}
// On the loopback interface the path is clean: anything worse than "good" means something is wrong.
guard local.quality <= .good, statistics.upLoss < 5 else {
    fail("a loopback path graded \(local.quality) with \(statistics.upLoss) % uplink loss")
}

aliceTone.cancel()
bobTone.cancel()
for (cloud, events) in [(alice, aliceEvents), (bob, bobEvents)] {
    cloud.exitRoom()
    await events.wait(for: .exitRoom(reason: 0))
}
await server.shutdown()
say("OK: quality graded \(local.quality), rtt \(statistics.rtt) ms")
