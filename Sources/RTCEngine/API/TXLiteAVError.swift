import RTCSignaling

/// Error codes as TRTC defines them (`TXLiteAVError`), delivered by `onError` and `onEnterRoom(result < 0)`.
public enum TXLiteAVError: Int, Sendable, CaseIterable, Error {
    /// No error.
    case ERR_NULL = 0
    /// Unclassified failure.
    case ERR_FAILED = -1
    /// An invalid parameter.
    case ERR_INVALID_PARAMETER = -2
    /// Refused.
    case ERR_REFUSED = -3
    /// Not supported.
    case ERR_NOT_SUPPORTED = -4
    /// The server did not answer in time.
    case ERR_REQUEST_SERVER_TIMEOUT = -6
    /// The server could not process the request.
    case ERR_SERVER_PROCESS_FAILED = -7
    /// The connection to the server was lost and could not be recovered.
    case ERR_DISCONNECTED = -8
    /// Entering the room failed.
    case ERR_TRTC_ENTER_ROOM_FAILED = -3301
    /// The server's address could not be reached in time.
    case ERR_TRTC_REQUEST_IP_TIMEOUT = -3307
    /// Connecting to the server timed out.
    case ERR_TRTC_CONNECT_SERVER_TIMEOUT = -3308
    /// The enter-room parameters are empty.
    case ERR_TRTC_ROOM_PARAM_NULL = -3316
    /// The SdkAppId is invalid.
    case ERR_TRTC_INVALID_SDK_APPID = -3317
    /// The room id is invalid.
    case ERR_TRTC_INVALID_ROOM_ID = -3318
    /// The user id is invalid.
    case ERR_TRTC_INVALID_USER_ID = -3319
    /// The UserSig is empty.
    case ERR_TRTC_INVALID_USER_SIG = -3320
    /// The server refused the entry.
    case ERR_TRTC_ENTER_ROOM_REFUSED = -3340
    /// The privateMapKey is invalid.
    case ERR_TRTC_INVALID_PRIVATE_MAPKEY = -100006
    /// The service is suspended.
    case ERR_TRTC_SERVICE_SUSPENDED = -100013
    /// The UserSig did not verify.
    case ERR_TRTC_USER_SIG_CHECK_FAILED = -100018

    /// The TRTC code for a server's error code (the protocol's own codes map to the nearest TRTC one).
    static func from(_ code: SignalingErrorCode) -> TXLiteAVError {
        if let known = TXLiteAVError(rawValue: Int(code.rawValue)) { return known }
        switch code {
        case .notAllowedForRole, .rateLimitExceeded: return .ERR_REFUSED
        case .messageTooLarge, .malformedMessage: return .ERR_INVALID_PARAMETER
        default: return .ERR_SERVER_PROCESS_FAILED
        }
    }
}

/// Warning codes as TRTC defines them (`TXLiteAVWarning`), delivered by `onWarning`.
public enum TXLiteAVWarning: Int, Sendable, CaseIterable {
    /// No microphone: this engine captures through custom capture only.
    case WARNING_MICROPHONE_NOT_FOUND = 1201
    /// An audio frame could not be decoded (concealed instead).
    case WARNING_AUDIO_FRAME_DECODE_FAIL = 2102
    /// The connection to the server was lost; reconnecting.
    case WARNING_ROOM_DISCONNECT = 5101
    /// Reconnecting to the server.
    case WARNING_ROOM_RECONNECT = 5102
    /// A custom audio frame was refused (bad format or length); it was dropped.
    case WARNING_CUSTOM_AUDIO_FRAME_INVALID = 7001
    /// This client was kicked because the same user id entered elsewhere.
    case WARNING_KICKED_BY_SAME_USER = 7002
}
