import Dispatch
import Foundation
import RTCEngine
import NIOConcurrencyHelpers
import Testing

/// A delegate that records every callback in order, and whether each ran on the expected queue.
final class CloudRecorder: TRTCCloudDelegate, TRTCAudioFrameDelegate, Sendable {
    static let queueKey = DispatchSpecificKey<String>()
    let queue: DispatchQueue
    private let name: String
    private let log = NIOLockedValueBox<[TRTCEvent]>([])
    private let offQueue = NIOLockedValueBox(0)
    private let remoteFrames = NIOLockedValueBox<[String: [Int16]]>([:])

    init(name: String) {
        self.name = name
        queue = DispatchQueue(label: "test.delegate.\(name)")
        queue.setSpecific(key: Self.queueKey, value: name)
    }

    /// Attaches to a cloud: delegate, delegate queue and frame delegate.
    func attach(to cloud: TRTCCloud) {
        cloud.delegateQueue = queue
        cloud.delegate = self
        cloud.setAudioFrameDelegate(self)
    }

    /// Copies made under the lock (`map`), here and below: a buffer shared with the recording thread would be
    /// freed by whichever thread lets go last, ordered only by the runtime's atomics, which TSan cannot see.
    var events: [TRTCEvent] { log.withLockedValue { $0.map { $0 } } }
    /// Callbacks that ran on another queue than the one set.
    var callbacksOffQueue: Int { offQueue.withLockedValue { $0 } }
    /// Decoded audio received from a user so far (48 kHz mono).
    func audio(from userId: String) -> [Int16] { remoteFrames.withLockedValue { ($0[userId] ?? []).map { $0 } } }

    private func record(_ event: TRTCEvent) {
        if DispatchQueue.getSpecific(key: Self.queueKey) != name { offQueue.withLockedValue { $0 += 1 } }
        log.withLockedValue { $0.append(event) }
    }

    /// Waits until an event matches; returns it.
    @discardableResult
    func wait(for description: String, timeout: Duration = .seconds(20), _ predicate: (TRTCEvent) -> Bool) async throws -> TRTCEvent {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let event = events.first(where: predicate) { return event }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RecorderTimeout(description: "\(name): no \(description) within \(timeout); got \(events)")
    }

    func onEnterRoom(_ result: Int) { record(.enterRoom(result: result)) }
    func onExitRoom(_ reason: Int) { record(.exitRoom(reason: reason)) }
    func onSwitchRole(_ errCode: TXLiteAVError, errMsg: String?) { record(.switchRole(errCode: errCode, errMsg: errMsg)) }
    func onRemoteUserEnterRoom(_ userId: String) { record(.remoteUserEnterRoom(userId: userId)) }
    func onRemoteUserLeaveRoom(_ userId: String, reason: Int) { record(.remoteUserLeaveRoom(userId: userId, reason: reason)) }
    func onUserAudioAvailable(_ userId: String, available: Bool) { record(.userAudioAvailable(userId: userId, available: available)) }
    func onFirstAudioFrame(_ userId: String) { record(.firstAudioFrame(userId: userId)) }
    func onSendFirstLocalAudioFrame() { record(.sendFirstLocalAudioFrame) }
    func onUserVoiceVolume(_ userVolumes: [TRTCVolumeInfo], totalVolume: Int) { record(.userVoiceVolume(volumes: userVolumes, totalVolume: totalVolume)) }
    func onNetworkQuality(_ localQuality: TRTCQualityInfo, remoteQuality: [TRTCQualityInfo]) { record(.networkQuality(local: localQuality, remote: remoteQuality)) }
    func onStatistics(_ statistics: TRTCStatistics) { record(.statistics(statistics)) }
    func onRecvCustomCmdMsgUserId(_ userId: String, cmdID: Int, seq: UInt32, message: Data) { record(.customCmdMsg(userId: userId, cmdID: cmdID, seq: seq, message: message)) }
    func onMissCustomCmdMsgUserId(_ userId: String, cmdID: Int, errCode: Int, missed: Int) { record(.missCustomCmdMsg(userId: userId, cmdID: cmdID, errCode: errCode, missed: missed)) }
    func onConnectionLost() { record(.connectionLost) }
    func onTryToReconnect() { record(.tryToReconnect) }
    func onConnectionRecovery() { record(.connectionRecovery) }
    func onSpeedTestResult(_ result: TRTCSpeedTestResult) { record(.speedTestResult(result)) }
    func onError(_ errCode: TXLiteAVError, errMsg: String?, extInfo: [String: Any]?) { record(.error(code: errCode, message: errMsg)) }
    func onWarning(_ warningCode: TXLiteAVWarning, warningMsg: String?, extInfo: [String: Any]?) { record(.warning(code: warningCode, message: warningMsg)) }

    func onRemoteUserAudioFrame(_ frame: TRTCAudioFrame, userId: String) {
        let samples = frame.samples
        remoteFrames.withLockedValue { $0[userId, default: []] += samples }
    }
}

struct RecorderTimeout: Error, CustomStringConvertible {
    var description: String
}
