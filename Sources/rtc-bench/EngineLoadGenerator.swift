import Foundation
import RTCEngine
import RTCSignaling

/// The child process of the load suite's engine row: `engines` real `TRTCCloud`s in one audio-call room
/// of the parent's server, each publishing quiet noise through custom capture (48 kHz mono Opus, the
/// default quality) and playing the others. Measures what one engine costs, to show why the
/// participant levels use `LightParticipant`s. Same stdout protocol as `LoadGenerator`.
struct EngineLoadGenerator {
    /// The server's signaling URL.
    let signalingURL: String
    /// Engines to run.
    let engines: Int
    /// Length of the measured window.
    let window: Duration

    /// What the child reports.
    struct Report: Codable, Sendable {
        let engines: Int
        /// The child process's CPU time per second of the window, all engines together.
        let cores: Double
    }

    /// Enters every engine, feeds them for a warm-up and the window, reports, exits the room.
    func run() async throws {
        guard let secretKey = ProcessInfo.processInfo.environment[LoadGenerator.secretVariable] else {
            throw BenchError.systemFailure(step: "engine generator", reason: "\(LoadGenerator.secretVariable) is not set")
        }
        let issuer = UserSigIssuer(sdkAppId: EmbeddedServer.sdkAppId, secretKey: secretKey)
        var clouds: [TRTCCloud] = []
        var clocks: [CallbackClock] = []
        for index in 0..<engines {
            let cloud = TRTCCloud()
            let clock = CallbackClock(name: "engine-\(index)")
            clock.attach(to: cloud, frames: false)
            cloud.enableCustomAudioCapture(true)
            let userId = "engine-\(index)"
            let entering = ProcessUsage.now()
            cloud.enterRoom(
                TRTCParams(sdkAppId: EmbeddedServer.sdkAppId, userId: userId, userSig: issuer.generate(userId: userId),
                    roomId: 20_000, role: .anchor, serverURL: signalingURL),
                appScene: .audioCall)
            _ = try await clock.wait(for: "onEnterRoom", after: entering) { if case .enterRoom(let result) = $0 { result > 0 } else { false } }
            clouds.append(cloud)
            clocks.append(clock)
        }
        let feeding = clouds
        let feeder = BenchThread(name: "bench-engine-capture") { [window] in
            Self.feed(feeding, for: .seconds(2) + window + .milliseconds(500))
        }
        try await Task.sleep(for: .seconds(2))
        let cpuStart = ProcessUsage.cpuNanoseconds(), wallStart = ProcessUsage.now()
        LoadGenerator.emit("window-open")
        try await Task.sleep(for: window)
        let cpuEnd = ProcessUsage.cpuNanoseconds(), wallEnd = ProcessUsage.now()
        LoadGenerator.emit("window-closed")
        await BenchThread.wait(for: feeder)
        let exiting = ProcessUsage.now()
        for cloud in clouds { cloud.exitRoom() }
        for clock in clocks { _ = try? await clock.wait(for: "onExitRoom", after: exiting) { $0 == .exitRoom(0) } }
        let report = Report(engines: engines, cores: Double(cpuEnd - cpuStart) / Double(wallEnd - wallStart))
        LoadGenerator.emit("report " + String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
    }

    /// Sends a 20 ms frame of quiet noise (≈ −50 dBFS) to every cloud every 20 ms, for `duration`.
    private static func feed(_ clouds: [TRTCCloud], for duration: Duration) {
        var noise: UInt32 = 2024
        let start = ProcessUsage.now()
        let frames = Int(duration / .milliseconds(20))
        for index in 0..<frames {
            let wait = start + Int64(index) * 20_000_000 - ProcessUsage.now()
            if wait > 0 { usleep(UInt32(wait / 1000)) }
            for cloud in clouds {
                let samples = (0..<960).map { _ -> Int16 in
                    noise = noise &* 1_664_525 &+ 1_013_904_223
                    return Int16(Int32(noise >> 16) % 301 - 150)
                }
                cloud.sendCustomAudioData(TRTCAudioFrame(samples: samples, sampleRate: 48_000, channels: 1))
            }
        }
    }
}
