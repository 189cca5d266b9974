// Testing Network Quality (TRTC guide): before a call, startSpeedTest measures the path to the
// room server — round-trip time, loss and jitter each way, available bandwidth — and
// onSpeedTestResult grades it. The test joins a private room of its own and sends a probe stream
// at the expected bandwidth for 2 s, which the server echoes back.
import ExampleSupport
import Foundation
import RTCEngine

Watchdog.start("SpeedTest", seconds: 15)
let server = await ExampleServer.start()

let (cloud, events) = makeCloud("tester")
let params = TRTCSpeedTestParams(
    sdkAppId: server.app.sdkAppId, userId: "speedtest", userSig: server.userSig(for: "speedtest"),
    expectedUpBandwidth: 500, expectedDownBandwidth: 500, serverURL: server.signalingURL)
cloud.startSpeedTest(params)
let event = await events.wait(for: "onSpeedTestResult", timeout: .seconds(10)) {
    if case .speedTestResult = $0 { true } else { false }
}
guard case .speedTestResult(let result) = event else { fail("unreachable") }

say("speed test against \(result.ip):")
say("  quality \(result.quality), rtt \(result.rtt) ms")
say(String(format: "  up: loss %.1f %%, jitter %d ms, %d kbit/s available", result.upLostRate * 100, result.upJitter, result.availableUpBandwidth))
say(String(format: "  down: loss %.1f %%, jitter %d ms, %d kbit/s available", result.downLostRate * 100, result.downJitter, result.availableDownBandwidth))
guard result.success else { fail("the speed test failed: \(result.errMsg)") }
// On the loopback interface the path is clean: anything worse than "good" means something is wrong.
guard result.quality != .unknown, result.quality <= .good, result.availableUpBandwidth > 0, result.availableDownBandwidth > 0 else {
    fail("a loopback path should grade excellent or good with bandwidth measured, got \(result)")
}

// The test leaves nothing behind: the cloud can enter a room at once.
cloud.enterRoom(server.params(userId: "speedtest", roomId: 2011), appScene: .audioCall)
await events.waitUntilEntered()
cloud.exitRoom()
await events.wait(for: .exitRoom(reason: 0))
await server.shutdown()
say("OK: quality \(result.quality), rtt \(result.rtt) ms, up \(result.availableUpBandwidth) kbit/s, down \(result.availableDownBandwidth) kbit/s")
