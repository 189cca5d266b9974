import RTCEngine

/// The one-line text `rtc-client` prints for each callback, e.g. `onRemoteUserLeaveRoom(alice, 0): exit`.
/// nil for the periodic ones (volumes, quality, statistics), which feed the status line instead.
enum CallbackText {
    /// The line for `event`, or nil when it belongs to the status line.
    static func line(for event: TRTCEvent) -> String? {
        switch event {
        case .enterRoom(let result) where result > 0: "onEnterRoom(\(result)): in the room after \(result) ms"
        case .enterRoom(let result): "onEnterRoom(\(result)): \(errorName(result))"
        case .exitRoom(let reason): "onExitRoom(\(reason)): \(exitReason(reason))"
        case .switchRole(let code, let message): "onSwitchRole(\(code.rawValue)): \(message ?? "\(code)")"
        case .remoteUserEnterRoom(let userId): "onRemoteUserEnterRoom(\(userId))"
        case .remoteUserLeaveRoom(let userId, let reason): "onRemoteUserLeaveRoom(\(userId), \(reason)): \(leaveReason(reason))"
        case .userAudioAvailable(let userId, let available): "onUserAudioAvailable(\(userId), \(available))"
        case .firstAudioFrame(let userId): "onFirstAudioFrame(\(userId))"
        case .sendFirstLocalAudioFrame: "onSendFirstLocalAudioFrame()"
        case .customCmdMsg(let userId, let cmdID, let seq, let message):
            "onRecvCustomCmdMsgUserId(\(userId), cmdID: \(cmdID), seq: \(seq)): \(message.count) bytes"
        case .missCustomCmdMsg(let userId, let cmdID, let errCode, let missed):
            "onMissCustomCmdMsgUserId(\(userId), cmdID: \(cmdID), errCode: \(errCode), missed: \(missed))"
        case .connectionLost: "onConnectionLost()"
        case .tryToReconnect: "onTryToReconnect()"
        case .connectionRecovery: "onConnectionRecovery()"
        case .speedTestResult(let result): "onSpeedTestResult(rtt \(result.rtt) ms, quality \(result.quality))"
        case .error(let code, let message): "onError(\(code.rawValue) \(code)): \(message ?? "")"
        case .warning(let code, let message): "onWarning(\(code.rawValue) \(code)): \(message ?? "")"
        case .userVoiceVolume, .networkQuality, .statistics: nil
        }
    }

    /// What `onExitRoom(reason)` means.
    static func exitReason(_ reason: Int) -> String {
        switch reason {
        case 0: "exitRoom"
        case 1: "removed by the server"
        case 2: "room dismissed"
        default: "reason \(reason)"
        }
    }

    /// What `onRemoteUserLeaveRoom(_, reason)` means.
    static func leaveReason(_ reason: Int) -> String {
        switch reason {
        case 0: "exit"
        case 1: "timeout"
        case 2: "removed"
        case 3: "switched to audience"
        default: "reason \(reason)"
        }
    }

    /// The TRTC name of an error code.
    static func errorName(_ code: Int) -> String {
        TXLiteAVError(rawValue: code).map { "\($0)" } ?? "error"
    }
}
