import Foundation

/// The room's callbacks (TRTC's `TRTCCloudDelegate`). Every method has an empty default, and
/// every call arrives on the cloud's `delegateQueue`, never on an engine thread.
public protocol TRTCCloudDelegate: AnyObject, Sendable {
    /// Entering finished: `result` > 0 is the time it took in ms, < 0 an error code (`onError` also fires).
    func onEnterRoom(_ result: Int)
    /// The room is left and every engine thread is joined: 0 `exitRoom`, 1 removed by the server, 2 room dismissed.
    func onExitRoom(_ reason: Int)
    /// Switching role finished; `errCode` 0 on success.
    func onSwitchRole(_ errCode: TXLiteAVError, errMsg: String?)
    /// A visible user entered (in LIVE rooms: an anchor).
    func onRemoteUserEnterRoom(_ userId: String)
    /// A visible user left: 0 exit, 1 timeout, 2 removed, 3 switched to audience.
    func onRemoteUserLeaveRoom(_ userId: String, reason: Int)
    /// A user started (`true`) or stopped or muted (`false`) publishing audio.
    func onUserAudioAvailable(_ userId: String, available: Bool)
    /// The first audio frame of a user was played.
    func onFirstAudioFrame(_ userId: String)
    /// The first local audio frame was sent.
    func onSendFirstLocalAudioFrame()
    /// Volumes, every `interval` ms once `enableAudioVolumeEvaluation` is on.
    func onUserVoiceVolume(_ userVolumes: [TRTCVolumeInfo], totalVolume: Int)
    /// Quality of the local and remote networks, every 2 s.
    func onNetworkQuality(_ localQuality: TRTCQualityInfo, remoteQuality: [TRTCQualityInfo])
    /// Statistics, every 2 s.
    func onStatistics(_ statistics: TRTCStatistics)
    /// A custom message from a user.
    func onRecvCustomCmdMsgUserId(_ userId: String, cmdID: Int, seq: UInt32, message: Data)
    /// Custom messages from a user were lost (a gap in its sequence numbers).
    func onMissCustomCmdMsgUserId(_ userId: String, cmdID: Int, errCode: Int, missed: Int)
    /// The connection to the server was lost.
    func onConnectionLost()
    /// Reconnecting.
    func onTryToReconnect()
    /// The connection is back.
    func onConnectionRecovery()
    /// A network test finished.
    func onSpeedTestResult(_ result: TRTCSpeedTestResult)
    /// An error: the engine could not do what was asked.
    func onError(_ errCode: TXLiteAVError, errMsg: String?, extInfo: [String: Any]?)
    /// A warning: something degraded, the engine carries on.
    func onWarning(_ warningCode: TXLiteAVWarning, warningMsg: String?, extInfo: [String: Any]?)
}

extension TRTCCloudDelegate {
    /// Does nothing.
    public func onEnterRoom(_ result: Int) {}
    /// Does nothing.
    public func onExitRoom(_ reason: Int) {}
    /// Does nothing.
    public func onSwitchRole(_ errCode: TXLiteAVError, errMsg: String?) {}
    /// Does nothing.
    public func onRemoteUserEnterRoom(_ userId: String) {}
    /// Does nothing.
    public func onRemoteUserLeaveRoom(_ userId: String, reason: Int) {}
    /// Does nothing.
    public func onUserAudioAvailable(_ userId: String, available: Bool) {}
    /// Does nothing.
    public func onFirstAudioFrame(_ userId: String) {}
    /// Does nothing.
    public func onSendFirstLocalAudioFrame() {}
    /// Does nothing.
    public func onUserVoiceVolume(_ userVolumes: [TRTCVolumeInfo], totalVolume: Int) {}
    /// Does nothing.
    public func onNetworkQuality(_ localQuality: TRTCQualityInfo, remoteQuality: [TRTCQualityInfo]) {}
    /// Does nothing.
    public func onStatistics(_ statistics: TRTCStatistics) {}
    /// Does nothing.
    public func onRecvCustomCmdMsgUserId(_ userId: String, cmdID: Int, seq: UInt32, message: Data) {}
    /// Does nothing.
    public func onMissCustomCmdMsgUserId(_ userId: String, cmdID: Int, errCode: Int, missed: Int) {}
    /// Does nothing.
    public func onConnectionLost() {}
    /// Does nothing.
    public func onTryToReconnect() {}
    /// Does nothing.
    public func onConnectionRecovery() {}
    /// Does nothing.
    public func onSpeedTestResult(_ result: TRTCSpeedTestResult) {}
    /// Does nothing.
    public func onError(_ errCode: TXLiteAVError, errMsg: String?, extInfo: [String: Any]?) {}
    /// Does nothing.
    public func onWarning(_ warningCode: TXLiteAVWarning, warningMsg: String?, extInfo: [String: Any]?) {}
}

/// Audio frames as they pass through the engine (TRTC's `TRTCAudioFrameDelegate`). Called on the
/// engine's audio threads, not the delegate queue: return quickly.
public protocol TRTCAudioFrameDelegate: AnyObject, Sendable {
    /// Local audio as captured (custom capture), before processing.
    func onCapturedAudioFrame(_ frame: TRTCAudioFrame)
    /// Local audio after processing (AEC/NS/AGC) and external-audio mixing, before encoding.
    func onLocalProcessedAudioFrame(_ frame: TRTCAudioFrame)
    /// One remote user's decoded audio, before mixing.
    func onRemoteUserAudioFrame(_ frame: TRTCAudioFrame, userId: String)
    /// All remote users mixed: what plays out.
    func onMixedPlayAudioFrame(_ frame: TRTCAudioFrame)
    /// Local and remote audio mixed.
    func onMixedAllAudioFrame(_ frame: TRTCAudioFrame)
}

extension TRTCAudioFrameDelegate {
    /// Does nothing.
    public func onCapturedAudioFrame(_ frame: TRTCAudioFrame) {}
    /// Does nothing.
    public func onLocalProcessedAudioFrame(_ frame: TRTCAudioFrame) {}
    /// Does nothing.
    public func onRemoteUserAudioFrame(_ frame: TRTCAudioFrame, userId: String) {}
    /// Does nothing.
    public func onMixedPlayAudioFrame(_ frame: TRTCAudioFrame) {}
    /// Does nothing.
    public func onMixedAllAudioFrame(_ frame: TRTCAudioFrame) {}
}
