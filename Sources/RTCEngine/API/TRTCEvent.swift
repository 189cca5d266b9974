import Foundation

/// The delegate's callbacks as values, for Swift concurrency (`for await event in cloud.events`).
public enum TRTCEvent: Sendable, Equatable {
    /// `onEnterRoom`.
    case enterRoom(result: Int)
    /// `onExitRoom`.
    case exitRoom(reason: Int)
    /// `onSwitchRole`.
    case switchRole(errCode: TXLiteAVError, errMsg: String?)
    /// `onRemoteUserEnterRoom`.
    case remoteUserEnterRoom(userId: String)
    /// `onRemoteUserLeaveRoom`.
    case remoteUserLeaveRoom(userId: String, reason: Int)
    /// `onUserAudioAvailable`.
    case userAudioAvailable(userId: String, available: Bool)
    /// `onFirstAudioFrame`.
    case firstAudioFrame(userId: String)
    /// `onSendFirstLocalAudioFrame`.
    case sendFirstLocalAudioFrame
    /// `onUserVoiceVolume`.
    case userVoiceVolume(volumes: [TRTCVolumeInfo], totalVolume: Int)
    /// `onNetworkQuality`.
    case networkQuality(local: TRTCQualityInfo, remote: [TRTCQualityInfo])
    /// `onStatistics`.
    case statistics(TRTCStatistics)
    /// `onRecvCustomCmdMsgUserId`.
    case customCmdMsg(userId: String, cmdID: Int, seq: UInt32, message: Data)
    /// `onMissCustomCmdMsgUserId`.
    case missCustomCmdMsg(userId: String, cmdID: Int, errCode: Int, missed: Int)
    /// `onConnectionLost`.
    case connectionLost
    /// `onTryToReconnect`.
    case tryToReconnect
    /// `onConnectionRecovery`.
    case connectionRecovery
    /// `onSpeedTestResult`.
    case speedTestResult(TRTCSpeedTestResult)
    /// `onError`.
    case error(code: TXLiteAVError, message: String?)
    /// `onWarning`.
    case warning(code: TXLiteAVWarning, message: String?)
}
