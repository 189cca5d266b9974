import Foundation
import NIOConcurrencyHelpers

/// Delivers every callback of a cloud on its `delegateQueue` and to every `events` stream, in
/// the order the engine produced them.
final class EventDispatcher: Sendable {
    private struct State {
        weak var delegate: (any TRTCCloudDelegate)?
        var queue: DispatchQueue = .main
        var streams: [UUID: AsyncStream<TRTCEvent>.Continuation] = [:]
    }

    private let state = NIOLockedValueBox(State())

    var delegate: (any TRTCCloudDelegate)? {
        get { state.withLockedValue { $0.delegate } }
        set { state.withLockedValue { $0.delegate = newValue } }
    }

    var queue: DispatchQueue {
        get { state.withLockedValue { $0.queue } }
        set { state.withLockedValue { $0.queue = newValue } }
    }

    /// A new stream of every event from now on.
    func makeStream() -> AsyncStream<TRTCEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<TRTCEvent>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLockedValue { $0.streams.removeValue(forKey: id) }
        }
        state.withLockedValue { $0.streams[id] = continuation }
        return stream
    }

    /// Delivers one event: to the delegate on its queue, and to every stream.
    func emit(_ event: TRTCEvent) {
        let (delegate, queue, streams) = state.withLockedValue { ($0.delegate, $0.queue, Array($0.streams.values)) }
        for stream in streams { stream.yield(event) }
        guard let delegate else { return }
        queue.async { Self.deliver(event, to: delegate) }
    }

    /// Delivers `onError`/`onWarning` with extra info, which the event enum does not carry.
    func emit(_ event: TRTCEvent, extInfo: [String: any Sendable]?) {
        guard extInfo != nil else { return emit(event) }
        let (delegate, queue, streams) = state.withLockedValue { ($0.delegate, $0.queue, Array($0.streams.values)) }
        for stream in streams { stream.yield(event) }
        guard let delegate else { return }
        queue.async {
            switch event {
            case .error(let code, let message): delegate.onError(code, errMsg: message, extInfo: extInfo)
            case .warning(let code, let message): delegate.onWarning(code, warningMsg: message, extInfo: extInfo)
            default: Self.deliver(event, to: delegate)
            }
        }
    }

    private static func deliver(_ event: TRTCEvent, to delegate: any TRTCCloudDelegate) {
        switch event {
        case .enterRoom(let result): delegate.onEnterRoom(result)
        case .exitRoom(let reason): delegate.onExitRoom(reason)
        case .switchRole(let code, let message): delegate.onSwitchRole(code, errMsg: message)
        case .remoteUserEnterRoom(let userId): delegate.onRemoteUserEnterRoom(userId)
        case .remoteUserLeaveRoom(let userId, let reason): delegate.onRemoteUserLeaveRoom(userId, reason: reason)
        case .userAudioAvailable(let userId, let available): delegate.onUserAudioAvailable(userId, available: available)
        case .firstAudioFrame(let userId): delegate.onFirstAudioFrame(userId)
        case .sendFirstLocalAudioFrame: delegate.onSendFirstLocalAudioFrame()
        case .userVoiceVolume(let volumes, let total): delegate.onUserVoiceVolume(volumes, totalVolume: total)
        case .networkQuality(let local, let remote): delegate.onNetworkQuality(local, remoteQuality: remote)
        case .statistics(let statistics): delegate.onStatistics(statistics)
        case .customCmdMsg(let userId, let cmdID, let seq, let message):
            delegate.onRecvCustomCmdMsgUserId(userId, cmdID: cmdID, seq: seq, message: message)
        case .missCustomCmdMsg(let userId, let cmdID, let errCode, let missed):
            delegate.onMissCustomCmdMsgUserId(userId, cmdID: cmdID, errCode: errCode, missed: missed)
        case .connectionLost: delegate.onConnectionLost()
        case .tryToReconnect: delegate.onTryToReconnect()
        case .connectionRecovery: delegate.onConnectionRecovery()
        case .speedTestResult(let result): delegate.onSpeedTestResult(result)
        case .error(let code, let message): delegate.onError(code, errMsg: message, extInfo: nil)
        case .warning(let code, let message): delegate.onWarning(code, warningMsg: message, extInfo: nil)
        }
    }
}
