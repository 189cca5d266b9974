import Foundation
import RTCEngine
import NIOConcurrencyHelpers

/// A cloud's delegate for examples: prints every callback as it arrives, with a timestamp and the
/// member's name, keeps them in order for checks, and collects each remote user's decoded audio.
public final class CallbackPrinter: TRTCCloudDelegate, TRTCAudioFrameDelegate, Sendable {
    /// The member's name in the printed lines.
    public let name: String
    /// The serial queue the cloud delivers callbacks on, one per member, instead of the main queue.
    public let queue: DispatchQueue
    private let log = NIOLockedValueBox<[TRTCEvent]>([])
    private let received = NIOLockedValueBox<[String: [Int16]]>([:])

    /// A printer for the member `name`.
    public init(name: String) {
        self.name = name
        queue = DispatchQueue(label: "example.callbacks.\(name)")
    }

    /// Becomes `cloud`'s delegate (on its own queue) and audio frame delegate.
    public func attach(to cloud: TRTCCloud) {
        cloud.delegateQueue = queue
        cloud.delegate = self
        cloud.setAudioFrameDelegate(self)
    }

    /// Copies made under the lock (`map`), here and below: a buffer shared with the recording thread would be
    /// freed by whichever thread lets go last, ordered only by the runtime's atomics, which TSan cannot see.
    /// Every callback so far, in order.
    public var events: [TRTCEvent] { log.withLockedValue { $0.map { $0 } } }

    /// The 48 kHz mono audio decoded from `userId` so far.
    public func audio(from userId: String) -> [Int16] { received.withLockedValue { ($0[userId] ?? []).map { $0 } } }

    /// Forgets the audio collected so far.
    public func clearAudio() { received.withLockedValue { $0.removeAll() } }

    /// How many callbacks have arrived: a mark for ``wait(for:after:timeout:)``.
    public var count: Int { log.withLockedValue { $0.count } }

    // The waits run in their caller's isolation (the main actor for an example's top-level
    // code), so that a predicate may read what its caller may.

    /// Waits until a callback equal to `event` arrives, counting only those after the first `mark`
    /// callbacks, and returns it; fails after `timeout`.
    @discardableResult
    public func wait(
        for event: TRTCEvent, after mark: Int = 0, timeout: Duration = .seconds(8),
        isolation: isolated (any Actor)? = #isolation
    ) async -> TRTCEvent {
        await wait(for: Self.describe(event), after: mark, timeout: timeout) { $0 == event }
    }

    /// Waits until a callback matching `predicate` arrives, counting only those after the first
    /// `mark` callbacks, and returns it; fails after `timeout`.
    @discardableResult
    public func wait(
        for what: String, after mark: Int = 0, timeout: Duration = .seconds(8),
        isolation: isolated (any Actor)? = #isolation, where predicate: (TRTCEvent) -> Bool
    ) async -> TRTCEvent {
        let deadline = ContinuousClock.now + timeout * Watchdog.patience
        while true {
            if let event = events.dropFirst(mark).first(where: predicate) { return event }
            if ContinuousClock.now > deadline { fail("\(name) did not get \(what) within \(timeout * Watchdog.patience)") }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits for `onEnterRoom` after `mark` and returns its result; fails when entering failed.
    @discardableResult
    public func waitUntilEntered(
        after mark: Int = 0, timeout: Duration = .seconds(8), isolation: isolated (any Actor)? = #isolation
    ) async -> Int {
        let event = await wait(for: "onEnterRoom", after: mark, timeout: timeout) { if case .enterRoom = $0 { true } else { false } }
        guard case .enterRoom(let result) = event, result > 0 else { fail("\(name) could not enter: \(Self.describe(event))") }
        return result
    }

    /// Waits `duration` and fails if a callback matching `predicate` arrives meanwhile (or had arrived).
    public func expectNone(
        _ what: String, for duration: Duration, isolation: isolated (any Actor)? = #isolation,
        where predicate: (TRTCEvent) -> Bool
    ) async {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            if let event = events.first(where: predicate) { fail("\(name) got \(Self.describe(event)), expected no \(what)") }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    private func record(_ event: TRTCEvent) {
        log.withLockedValue { $0.append(event) }
        say("\(name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(Self.describe(event))")
    }

    /// A callback as the line that shows it, e.g. `onRemoteUserLeaveRoom("bob", reason: 1)`.
    public static func describe(_ event: TRTCEvent) -> String {
        switch event {
        case .enterRoom(let result): "onEnterRoom(\(result))"
        case .exitRoom(let reason): "onExitRoom(\(reason))"
        case .switchRole(let code, let message): "onSwitchRole(\(code), \"\(message ?? "")\")"
        case .remoteUserEnterRoom(let userId): "onRemoteUserEnterRoom(\"\(userId)\")"
        case .remoteUserLeaveRoom(let userId, let reason): "onRemoteUserLeaveRoom(\"\(userId)\", reason: \(reason))"
        case .userAudioAvailable(let userId, let available): "onUserAudioAvailable(\"\(userId)\", available: \(available))"
        case .firstAudioFrame(let userId): "onFirstAudioFrame(\"\(userId)\")"
        case .sendFirstLocalAudioFrame: "onSendFirstLocalAudioFrame()"
        case .userVoiceVolume(let volumes, let total):
            "onUserVoiceVolume([\(volumes.map { "\($0.userId.isEmpty ? "(local)" : $0.userId): \($0.volume)\($0.vad ? " vad" : "")" }.joined(separator: ", "))], totalVolume: \(total))"
        case .networkQuality(let local, let remote):
            "onNetworkQuality(local: \(local.quality), remote: [\(remote.map { "\($0.userId): \($0.quality)" }.joined(separator: ", "))])"
        case .statistics(let s):
            "onStatistics(rtt: \(s.rtt) ms, upLoss: \(s.upLoss) %, downLoss: \(s.downLoss) %, sent: \(s.sentBytes) B, received: \(s.receivedBytes) B, "
                + "local: [\(s.localStatistics.map { "\($0.audioSampleRate) Hz \($0.audioBitrate) kbit/s" }.joined(separator: ", "))], "
                + "remote: [\(s.remoteStatistics.map { "\($0.userId): \($0.audioBitrate) kbit/s loss \($0.audioPacketLoss) % jitter buffer \($0.jitterBufferDelay) ms" }.joined(separator: ", "))])"
        case .customCmdMsg(let userId, let cmdID, let seq, let message):
            "onRecvCustomCmdMsgUserId(\"\(userId)\", cmdID: \(cmdID), seq: \(seq), message: \"\(String(decoding: message, as: UTF8.self))\")"
        case .missCustomCmdMsg(let userId, let cmdID, let code, let missed):
            "onMissCustomCmdMsgUserId(\"\(userId)\", cmdID: \(cmdID), errCode: \(code), missed: \(missed))"
        case .connectionLost: "onConnectionLost()"
        case .tryToReconnect: "onTryToReconnect()"
        case .connectionRecovery: "onConnectionRecovery()"
        case .speedTestResult(let r):
            "onSpeedTestResult(success: \(r.success), quality: \(r.quality), rtt: \(r.rtt) ms, "
                + String(format: "upLostRate: %.3f, downLostRate: %.3f, ", r.upLostRate, r.downLostRate)
                + "available: \(r.availableUpBandwidth)/\(r.availableDownBandwidth) kbit/s, jitter: \(r.upJitter)/\(r.downJitter) ms"
                + (r.errMsg.isEmpty ? "" : ", \"\(r.errMsg)\"") + ")"
        case .error(let code, let message): "onError(\(code) \(code.rawValue), \"\(message ?? "")\")"
        case .warning(let code, let message): "onWarning(\(code) \(code.rawValue), \"\(message ?? "")\")"
        }
    }

    // MARK: TRTCCloudDelegate

    /// Prints and records the callback.
    public func onEnterRoom(_ result: Int) { record(.enterRoom(result: result)) }
    /// Prints and records the callback.
    public func onExitRoom(_ reason: Int) { record(.exitRoom(reason: reason)) }
    /// Prints and records the callback.
    public func onSwitchRole(_ errCode: TXLiteAVError, errMsg: String?) { record(.switchRole(errCode: errCode, errMsg: errMsg)) }
    /// Prints and records the callback.
    public func onRemoteUserEnterRoom(_ userId: String) { record(.remoteUserEnterRoom(userId: userId)) }
    /// Prints and records the callback.
    public func onRemoteUserLeaveRoom(_ userId: String, reason: Int) { record(.remoteUserLeaveRoom(userId: userId, reason: reason)) }
    /// Prints and records the callback.
    public func onUserAudioAvailable(_ userId: String, available: Bool) { record(.userAudioAvailable(userId: userId, available: available)) }
    /// Prints and records the callback.
    public func onFirstAudioFrame(_ userId: String) { record(.firstAudioFrame(userId: userId)) }
    /// Prints and records the callback.
    public func onSendFirstLocalAudioFrame() { record(.sendFirstLocalAudioFrame) }
    /// Prints and records the callback.
    public func onUserVoiceVolume(_ userVolumes: [TRTCVolumeInfo], totalVolume: Int) {
        record(.userVoiceVolume(volumes: userVolumes, totalVolume: totalVolume))
    }
    /// Prints and records the callback.
    public func onNetworkQuality(_ localQuality: TRTCQualityInfo, remoteQuality: [TRTCQualityInfo]) {
        record(.networkQuality(local: localQuality, remote: remoteQuality))
    }
    /// Prints and records the callback.
    public func onStatistics(_ statistics: TRTCStatistics) { record(.statistics(statistics)) }
    /// Prints and records the callback.
    public func onRecvCustomCmdMsgUserId(_ userId: String, cmdID: Int, seq: UInt32, message: Data) {
        record(.customCmdMsg(userId: userId, cmdID: cmdID, seq: seq, message: message))
    }
    /// Prints and records the callback.
    public func onMissCustomCmdMsgUserId(_ userId: String, cmdID: Int, errCode: Int, missed: Int) {
        record(.missCustomCmdMsg(userId: userId, cmdID: cmdID, errCode: errCode, missed: missed))
    }
    /// Prints and records the callback.
    public func onConnectionLost() { record(.connectionLost) }
    /// Prints and records the callback.
    public func onTryToReconnect() { record(.tryToReconnect) }
    /// Prints and records the callback.
    public func onConnectionRecovery() { record(.connectionRecovery) }
    /// Prints and records the callback.
    public func onSpeedTestResult(_ result: TRTCSpeedTestResult) { record(.speedTestResult(result)) }
    /// Prints and records the callback.
    public func onError(_ errCode: TXLiteAVError, errMsg: String?, extInfo: [String: Any]?) { record(.error(code: errCode, message: errMsg)) }
    /// Prints and records the callback.
    public func onWarning(_ warningCode: TXLiteAVWarning, warningMsg: String?, extInfo: [String: Any]?) {
        record(.warning(code: warningCode, message: warningMsg))
    }

    // MARK: TRTCAudioFrameDelegate (engine threads: collect only)

    /// Collects the user's decoded audio.
    public func onRemoteUserAudioFrame(_ frame: TRTCAudioFrame, userId: String) {
        let samples = frame.samples
        received.withLockedValue { $0[userId, default: []] += samples }
    }
}
