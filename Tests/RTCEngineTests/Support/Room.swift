import Foundation
import RTCEngine
import RTCSignaling
import RTCTestSupport
import Testing

/// A test room on a real `rtc-server` process: makes parameters and entered clouds.
struct TestRoom {
    static let sdkAppId: UInt32 = 1_400_000_002
    static let secretKey = "engine-tests-secret-0123456789"
    static let apiKey = (id: "AKIDengineTests", key: "engine-tests-api-key")
    static var serverArguments: [String] {
        ["--app", "\(sdkAppId):\(secretKey)", "--api-key", "\(apiKey.id):\(apiKey.key)"]
    }

    let server: ServerProcess
    var roomId: UInt32 = 4321

    func params(_ userId: String, role: TRTCRoleType = .anchor) -> TRTCParams {
        TRTCParams(
            sdkAppId: Self.sdkAppId, userId: userId,
            userSig: UserSigIssuer(sdkAppId: Self.sdkAppId, secretKey: Self.secretKey).generate(userId: userId),
            roomId: roomId, role: role, serverURL: server.signalingURL)
    }

    /// A cloud with a recorder, entered into the room with `role`; waits for `onEnterRoom`.
    /// `prepare` runs on the cloud before `enterRoom` (e.g. `setDefaultStreamRecvMode`).
    func enter(
        _ userId: String, role: TRTCRoleType = .anchor, scene: TRTCAppScene = .audioCall, customCapture: Bool = false,
        prepare: (TRTCCloud) -> Void = { _ in }
    ) async throws -> (TRTCCloud, CloudRecorder) {
        let cloud = TRTCCloud()
        let recorder = CloudRecorder(name: userId)
        recorder.attach(to: cloud)
        if customCapture { cloud.enableCustomAudioCapture(true) }
        prepare(cloud)
        cloud.enterRoom(params(userId, role: role), appScene: scene)
        let entered = try await recorder.wait(for: "onEnterRoom") { if case .enterRoom = $0 { true } else { false } }
        guard case .enterRoom(let result) = entered, result > 0 else { throw RecorderTimeout(description: "enter failed: \(entered)") }
        return (cloud, recorder)
    }
}

/// Sends a sine through custom capture in real time (20 ms frames) for `duration`.
func sendTone(_ cloud: TRTCCloud, frequency: Double, duration: Duration, sampleRate: Int = 48_000) async throws {
    let frames = Int(duration / .milliseconds(20))
    let perFrame = sampleRate / 50
    for frame in 0..<frames {
        let samples = (0..<perFrame).map { i in
            Int16(9000 * sin(2 * Double.pi * frequency * Double(frame * perFrame + i) / Double(sampleRate)))
        }
        cloud.sendCustomAudioData(TRTCAudioFrame(samples: samples, sampleRate: sampleRate, channels: 1))
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// The strongest frequency of a signal: the strongest of 10 Hz steps from 50 Hz to 4 kHz, refined to 1 Hz
/// (Goertzel). Unlike counting zero crossings, it is not moved by the short gaps late capture frames leave
/// on a loaded machine (each added a crossing: 440 Hz counted as 456-463 Hz). Costly: call it once, not
/// in a polling loop.
func strongestFrequency(_ pcm: [Int16], sampleRate: Double = 48_000) -> Double {
    let samples = pcm.map(Double.init)
    func power(at frequency: Double) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / sampleRate)
        var (previous, beforePrevious) = (0.0, 0.0)
        for sample in samples { (previous, beforePrevious) = (sample + coefficient * previous - beforePrevious, previous) }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
    }
    func strongest(_ candidates: StrideThrough<Double>) -> Double {
        candidates.map { ($0, power(at: $0)) }.max { $0.1 < $1.1 }?.0 ?? 0
    }
    let coarse = strongest(stride(from: 50, through: 4_000, by: 10))
    return strongest(stride(from: coarse - 10, through: coarse + 10, by: 1))
}

/// The dominant frequency of a signal by zero crossings.
func dominantFrequency(_ pcm: [Int16], sampleRate: Double = 48_000) -> Double {
    guard pcm.count > 4800 else { return 0 }
    let body = pcm.dropFirst(2400)
    var crossings = 0
    var previous = body.first ?? 0
    for sample in body.dropFirst() {
        if (previous < 0) != (sample < 0) { crossings += 1 }
        previous = sample
    }
    return Double(crossings) / 2 / (Double(body.count) / sampleRate)
}

/// Engine threads and UDP sockets of this process, from /proc.
enum ProcessInspector {
    static var threadCount: Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1 }

    static var threadNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []).compactMap {
            try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Inodes of this process's sockets that are UDP sockets.
    static var udpSockets: Set<String> {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let socketInodes = Set(fds.compactMap { fd -> String? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"),
                target.hasPrefix("socket:[")
            else { return nil }
            return String(target.dropFirst(8).dropLast())
        })
        var udp = Set<String>()
        for table in ["/proc/self/net/udp", "/proc/self/net/udp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if fields.count > 9, socketInodes.contains(String(fields[9])) { udp.insert(String(fields[9])) }
            }
        }
        return udp
    }
}
