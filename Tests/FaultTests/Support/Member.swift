import Foundation
import RTCEngine
import NIOConcurrencyHelpers
import Testing

/// A `TRTCCloud` in the test process that records every callback with when it arrived, and the
/// audio it receives per user (20 ms frames, 48 kHz mono).
final class Member: TRTCCloudDelegate, TRTCAudioFrameDelegate, Sendable {
    let cloud = TRTCCloud()
    let userId: String
    private let log = NIOLockedValueBox<[(event: TRTCEvent, at: ContinuousClock.Instant)]>([])
    private let frames = NIOLockedValueBox<[String: [[Int16]]]>([:])

    init(_ userId: String) {
        self.userId = userId
        cloud.delegateQueue = DispatchQueue(label: "fault.\(userId)")
        cloud.delegate = self
        cloud.setAudioFrameDelegate(self)
    }

    /// Every callback so far, without the periodic statistics and quality reports.
    var events: [TRTCEvent] {
        log.withLockedValue { $0.map(\.event) }.filter {
            switch $0 {
            case .statistics, .networkQuality, .userVoiceVolume: false
            default: true
            }
        }
    }

    /// Copies made under the lock (`map`), here and below: a buffer shared with the recording thread would be
    /// freed by whichever thread lets go last, ordered only by the runtime's atomics, which TSan cannot see.
    /// Every callback with its arrival time.
    var timeline: [(event: TRTCEvent, at: ContinuousClock.Instant)] { log.withLockedValue { $0.map { $0 } } }

    /// The 20 ms frames received from `userId` so far.
    func frames(from userId: String) -> [[Int16]] { frames.withLockedValue { ($0[userId] ?? []).map { $0 } } }

    /// Waits for a callback that matches; returns it and when it arrived.
    @discardableResult
    func wait(for description: String, timeout: Duration = .seconds(20), after start: ContinuousClock.Instant? = nil, _ predicate: (TRTCEvent) -> Bool) async throws -> (event: TRTCEvent, at: ContinuousClock.Instant) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            // A snapshot: the predicate may read this member's (or another's) log itself.
            if let found = timeline.first(where: { $0.at >= (start ?? $0.at) && predicate($0.event) }) { return found }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw ShellFailure(description: "\(userId): no \(description) within \(timeout); got \(events)")
    }

    /// Enters `roomId` on `server` with custom capture on and waits for `onEnterRoom`.
    func enter(_ server: NamespacedServer, roomId: UInt32) async throws {
        cloud.enableCustomAudioCapture(true)
        let start = ContinuousClock.now
        cloud.enterRoom(
            TRTCParams(sdkAppId: NamespacedServer.sdkAppId, userId: userId, userSig: NamespacedServer.userSig(userId), roomId: roomId,
                serverURL: server.signalingURL),
            appScene: .audioCall)
        let (entered, _) = try await wait(for: "onEnterRoom", after: start) { if case .enterRoom = $0 { true } else { false } }
        guard case .enterRoom(let result) = entered, result > 0 else { throw ShellFailure(description: "\(userId): enter failed: \(events)") }
    }

    /// Exits and waits for `onExitRoom(0)`.
    func exit() async throws {
        cloud.exitRoom()
        try await wait(for: "onExitRoom(0)") { $0 == .exitRoom(reason: 0) }
    }

    private func record(_ event: TRTCEvent) { log.withLockedValue { $0.append((event, .now)) } }

    func onEnterRoom(_ result: Int) { record(.enterRoom(result: result)) }
    func onExitRoom(_ reason: Int) { record(.exitRoom(reason: reason)) }
    func onRemoteUserEnterRoom(_ userId: String) { record(.remoteUserEnterRoom(userId: userId)) }
    func onRemoteUserLeaveRoom(_ userId: String, reason: Int) { record(.remoteUserLeaveRoom(userId: userId, reason: reason)) }
    func onUserAudioAvailable(_ userId: String, available: Bool) { record(.userAudioAvailable(userId: userId, available: available)) }
    func onFirstAudioFrame(_ userId: String) { record(.firstAudioFrame(userId: userId)) }
    func onStatistics(_ statistics: TRTCStatistics) { record(.statistics(statistics)) }
    func onNetworkQuality(_ localQuality: TRTCQualityInfo, remoteQuality: [TRTCQualityInfo]) { record(.networkQuality(local: localQuality, remote: remoteQuality)) }
    func onRecvCustomCmdMsgUserId(_ userId: String, cmdID: Int, seq: UInt32, message: Data) { record(.customCmdMsg(userId: userId, cmdID: cmdID, seq: seq, message: message)) }
    func onMissCustomCmdMsgUserId(_ userId: String, cmdID: Int, errCode: Int, missed: Int) { record(.missCustomCmdMsg(userId: userId, cmdID: cmdID, errCode: errCode, missed: missed)) }
    func onConnectionLost() { record(.connectionLost) }
    func onTryToReconnect() { record(.tryToReconnect) }
    func onConnectionRecovery() { record(.connectionRecovery) }
    func onError(_ errCode: TXLiteAVError, errMsg: String?, extInfo: [String: Any]?) { record(.error(code: errCode, message: errMsg)) }
    func onWarning(_ warningCode: TXLiteAVWarning, warningMsg: String?, extInfo: [String: Any]?) { record(.warning(code: warningCode, message: warningMsg)) }

    func onRemoteUserAudioFrame(_ frame: TRTCAudioFrame, userId: String) {
        let samples = frame.samples
        frames.withLockedValue { $0[userId, default: []].append(samples) }
    }
}
