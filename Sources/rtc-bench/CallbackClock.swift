import Dispatch
import Foundation
import RTCEngine
import NIOConcurrencyHelpers

/// Timestamps the `TRTCCloud` callbacks the room-lifecycle rows wait for, the moment each runs on the
/// delegate queue (what an app sees), and the onsets of loud audio in each remote user's pre-mix frames
/// (`onRemoteUserAudioFrame`, on the engine's playout thread, the "ear").
final class CallbackClock: TRTCCloudDelegate, TRTCAudioFrameDelegate, Sendable {
    /// The callbacks the rows use.
    enum Event: Sendable, Equatable {
        case enterRoom(Int)
        case exitRoom(Int)
        case remoteUserEnterRoom(String)
        case remoteUserLeaveRoom(String, Int)
        case error(String)
    }

    /// A 20 ms frame is loud above this RMS (a 1 kHz burst at amplitude 8000 has ≈ 5700; the background ≈ 90).
    static let loudRMS = 1000.0

    /// The serial queue the cloud delivers callbacks on.
    let queue: DispatchQueue
    private let events = NIOLockedValueBox<[(event: Event, time: Int64)]>([])
    private let loud = NIOLockedValueBox<[String: Bool]>([:])
    private let onsets = NIOLockedValueBox<[String: [Int64]]>([:])

    init(name: String) {
        queue = DispatchQueue(label: "rtc-bench.callbacks.\(name)")
    }

    /// Becomes `cloud`'s delegate (on its own queue) and, when `frames` is set, its audio frame delegate.
    func attach(to cloud: TRTCCloud, frames: Bool = true) {
        cloud.delegateQueue = queue
        cloud.delegate = self
        if frames { cloud.setAudioFrameDelegate(self) }
    }

    /// Waits for the first event at or after `after` (monotonic ns) that `matches`; returns it and when it ran.
    func wait(
        for description: String, after: Int64, timeout: Duration = .seconds(15), _ matches: @Sendable (Event) -> Bool
    ) async throws -> (event: Event, time: Int64) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let found = events.withLockedValue({ $0.first { $0.time >= after && matches($0.event) } }) { return found }
            if let failure = events.withLockedValue({ $0.first { entry in
                if case .error = entry.event { entry.time >= after } else { false }
            } }) {
                throw BenchError.systemFailure(step: description, reason: "\(failure.event)")
            }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw BenchError.systemFailure(step: description, reason: "no callback within \(timeout)")
    }

    /// When each loud stretch of `userId`'s audio began (monotonic ns), in order.
    func loudOnsets(of userId: String) -> [Int64] {
        onsets.withLockedValue { $0[userId] ?? [] }
    }

    private func record(_ event: Event) {
        let time = ProcessUsage.now()
        events.withLockedValue { $0.append((event, time)) }
    }

    func onEnterRoom(_ result: Int) { record(.enterRoom(result)) }
    func onExitRoom(_ reason: Int) { record(.exitRoom(reason)) }
    func onRemoteUserEnterRoom(_ userId: String) { record(.remoteUserEnterRoom(userId)) }
    func onRemoteUserLeaveRoom(_ userId: String, reason: Int) { record(.remoteUserLeaveRoom(userId, reason)) }
    func onError(_ errCode: TXLiteAVError, errMsg: String?, extInfo: [String: Any]?) {
        record(.error("\(errCode) \(errMsg ?? "")"))
    }

    func onRemoteUserAudioFrame(_ frame: TRTCAudioFrame, userId: String) {
        let time = ProcessUsage.now()
        let samples = frame.samples
        guard !samples.isEmpty else { return }
        let energy = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        let isLoud = (energy / Double(samples.count)).squareRoot() > Self.loudRMS
        let wasLoud = loud.withLockedValue { state in
            defer { state[userId] = isLoud }
            return state[userId] ?? false
        }
        if isLoud, !wasLoud { onsets.withLockedValue { $0[userId, default: []].append(time) } }
    }
}
