import Foundation
import RTCEngine
import Synchronization

/// Room lifecycle (targets.md), end to end through the public API: `TRTCCloud`s against an embedded
/// `RoomServer` on loopback. A listener stays in the room while a talker enters and exits `runs` times
/// (each a fresh `TRTCCloud` publishing through custom capture); then the talker sends tone bursts
/// through custom capture and the listener's frame callback tells when each is heard.
struct RoomLifecycleBenchmark {
    /// Enter/exit cycles.
    let runs: Int
    /// Tone bursts for mouth-to-ear.
    let bursts: Int
    /// Where progress lines go.
    let progress: @Sendable (String) -> Void

    static let section = "Room lifecycle"
    /// The room every cycle uses.
    static let roomId: UInt32 = 3001
    /// Burst length and the period between burst starts, in 20 ms frames.
    static let burstFrames = 10
    static let periodFrames = 50

    /// The measured samples, in nanoseconds.
    struct Result: Codable, Sendable {
        let enter: LatencySummary
        let exit: LatencySummary
        let remoteLeave: LatencySummary
        let mouthToEar: LatencySummary
        let burstsSent: Int
    }

    /// Runs the cycles and the bursts; returns the table rows and the samples.
    func run() async throws -> (rows: [SystemRow], result: Result) {
        let server = try await EmbeddedServer.start()
        func params(_ userId: String) -> TRTCParams {
            TRTCParams(
                sdkAppId: EmbeddedServer.sdkAppId, userId: userId, userSig: server.target.userSig(userId), roomId: Self.roomId,
                role: .anchor, serverURL: server.addresses.signalingURL)
        }
        let listener = TRTCCloud()
        let heard = CallbackClock(name: "listener")
        heard.attach(to: listener)
        listener.enterRoom(params("listener"), appScene: .audioCall)
        try await Self.entered(heard, after: 0)

        var enter: [Int64] = [], exit: [Int64] = [], remoteLeave: [Int64] = []
        progress("room: \(runs) enterRoom / exitRoom cycles")
        for _ in 0..<runs {
            let talker = TRTCCloud()
            let said = CallbackClock(name: "talker")
            said.attach(to: talker)
            talker.enableCustomAudioCapture(true)
            let entering = ProcessUsage.now()
            talker.enterRoom(params("talker"), appScene: .audioCall)
            enter.append(try await Self.entered(said, after: entering) - entering)
            _ = try await heard.wait(for: "listener's onRemoteUserEnterRoom", after: entering) { $0 == .remoteUserEnterRoom("talker") }
            try await Task.sleep(for: .milliseconds(200))
            let exiting = ProcessUsage.now()
            talker.exitRoom()
            let exited = try await said.wait(for: "onExitRoom", after: exiting) { $0 == .exitRoom(0) }
            let left = try await heard.wait(for: "listener's onRemoteUserLeaveRoom", after: exiting) { $0 == .remoteUserLeaveRoom("talker", 0) }
            exit.append(exited.time - exiting)
            remoteLeave.append(left.time - exiting)
            try await Task.sleep(for: .milliseconds(100))
        }

        progress("room: \(bursts) tone bursts through custom capture")
        let talker = TRTCCloud()
        let said = CallbackClock(name: "talker")
        said.attach(to: talker)
        talker.enableCustomAudioCapture(true)
        let entering = ProcessUsage.now()
        talker.enterRoom(params("talker"), appScene: .audioCall)
        try await Self.entered(said, after: entering)
        let frames = 25 + bursts * Self.periodFrames
        let starts = try await BenchThread.run(name: "bench-capture") { Self.feed(talker, frames: frames) }
        try await Task.sleep(for: .milliseconds(600))
        let onsets = heard.loudOnsets(of: "talker")
        let mouthToEar = starts.compactMap { start in onsets.first { $0 >= start && $0 < start + 800_000_000 }.map { $0 - start } }

        let exiting = ProcessUsage.now()
        talker.exitRoom()
        listener.exitRoom()
        _ = try await said.wait(for: "onExitRoom", after: exiting) { $0 == .exitRoom(0) }
        _ = try await heard.wait(for: "onExitRoom", after: exiting) { $0 == .exitRoom(0) }
        await server.shutdown()

        let result = Result(
            enter: LatencySummary(enter), exit: LatencySummary(exit), remoteLeave: LatencySummary(remoteLeave),
            mouthToEar: LatencySummary(mouthToEar), burstsSent: starts.count)
        return (Self.rows(for: result), result)
    }

    /// Waits for `onEnterRoom` and returns when it ran; throws when the result is an error code.
    @discardableResult
    private static func entered(_ clock: CallbackClock, after: Int64) async throws -> Int64 {
        let (event, time) = try await clock.wait(for: "onEnterRoom", after: after) {
            if case .enterRoom = $0 { true } else { false }
        }
        guard case .enterRoom(let result) = event, result > 0 else {
            throw BenchError.systemFailure(step: "enterRoom", reason: "onEnterRoom(\(event))")
        }
        return time
    }

    /// Sends `frames` 20 ms frames through custom capture in real time: quiet noise, with a 1 kHz burst of
    /// `burstFrames` every `periodFrames` after the first 25. Returns when each burst's first frame was handed over.
    private static func feed(_ cloud: TRTCCloud, frames: Int) -> [Int64] {
        var starts: [Int64] = []
        var noise: UInt32 = 12345
        let start = ProcessUsage.now()
        for index in 0..<frames {
            let due = start + Int64(index) * 20_000_000
            let wait = due - ProcessUsage.now()
            if wait > 0 { usleep(UInt32(wait / 1000)) }
            let position = index - 25
            let inBurst = position >= 0 && position % periodFrames < burstFrames
            let samples = (0..<960).map { sample -> Int16 in
                if inBurst {
                    let phase = Double((position % periodFrames) * 960 + sample) / 48_000
                    return Int16(8000 * sin(2 * Double.pi * 1000 * phase))
                }
                noise = noise &* 1_664_525 &+ 1_013_904_223
                return Int16(Int32(noise >> 16) % 301 - 150)
            }
            if inBurst, position % periodFrames == 0 { starts.append(ProcessUsage.now()) }
            cloud.sendCustomAudioData(TRTCAudioFrame(samples: samples, sampleRate: 48_000, channels: 1))
        }
        return starts
    }

    /// The table rows.
    static func rows(for result: Result) -> [SystemRow] {
        [
            SystemRow(section, "enterRoom → onEnterRoom p50 / p99 (\(result.enter.count) runs)",
                value: result.enter.milliseconds, target: "≤ 30 / ≤ 100 ms",
                met: result.enter.p50 <= 30e6 && result.enter.p99 <= 100e6),
            SystemRow(section, "exitRoom → onExitRoom(0) p50 / p99",
                value: result.exit.milliseconds, target: "p99 ≤ 50 ms", met: result.exit.p99 <= 50e6),
            SystemRow(section, "exitRoom by A → B's onRemoteUserLeaveRoom(A, 0) p50 / p99",
                value: result.remoteLeave.milliseconds, target: "p99 ≤ 20 ms", met: result.remoteLeave.p99 <= 20e6),
            SystemRow(section, "mouth-to-ear p50 / p99 (\(result.mouthToEar.count) of \(result.burstsSent) bursts heard)",
                value: result.mouthToEar.milliseconds, target: "≤ 60 ms (p50)",
                met: result.mouthToEar.count == result.burstsSent && result.mouthToEar.p50 <= 60e6),
        ]
    }
}
