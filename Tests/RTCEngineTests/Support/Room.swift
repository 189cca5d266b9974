import Foundation
import RTCEngine
import RTCSignaling
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

/// The last `count` samples that end at the last loud one (a tenth of the peak or more): what was heard of a
/// tone, without the concealment or comfort noise that follows it once the sender stops (their many small
/// zero crossings raise the count, more so the later the test reads, as on a loaded machine).
func toneTail(_ pcm: [Int16], count: Int) -> [Int16] {
    let threshold = Int32(pcm.map { abs(Int32($0)) }.max() ?? 0) / 10
    let end = (pcm.lastIndex { abs(Int32($0)) >= threshold } ?? pcm.count - 1) + 1
    return Array(pcm[max(0, end - count)..<end])
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
