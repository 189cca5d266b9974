/// Every failure of the signaling layer (messages, UserSig, request signing), with its context.
public enum SignalingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A message or token that could not be decoded.
    case malformed(what: String, reason: String)
    /// A frame larger than the limit (protocol.md §1: 64 KiB).
    case frameTooLarge(size: Int, limit: Int)
    /// A frame that is not JSON at all.
    case frameNotJSON(reason: String)
    /// A JSON frame whose top level is not an object.
    case frameNotObject
    /// A JSON object without a string `type`.
    case frameWithoutType(requestId: Int?)
    /// A JSON object whose `type` this direction of the protocol does not define.
    case unknownMessageType(String, requestId: Int?)
    /// A message of a known type with a field missing or of the wrong type.
    case invalidMessage(type: String, requestId: Int?, reason: String)
    /// A parameter that TRTC's rules reject (api.md), with TRTC's code for it.
    case invalidParameter(SignalingErrorCode, reason: String)
    /// A UserSig that failed the named check.
    case userSigRejected(UserSigFailure)
    /// A Cloud API request that failed TC3-HMAC-SHA256 authentication.
    case requestAuthenticationFailed(TC3AuthFailure)
    /// A Cloud API call the service answered with `Response.Error` (Tencent's `Code` and `Message`).
    case cloudAPIFailed(code: String, message: String, requestId: String)
    /// A Cloud API call that got no usable answer: unreachable, not HTTP 200, or not a `Response` object.
    case cloudAPIUnanswered(action: String, reason: String)

    /// The TRTC-style code to answer or report this failure with.
    public var code: SignalingErrorCode {
        switch self {
        case .frameTooLarge: .messageTooLarge
        case .malformed, .frameNotJSON, .frameNotObject, .frameWithoutType, .unknownMessageType, .invalidMessage:
            .malformedMessage
        case .invalidParameter(let code, _): code
        case .userSigRejected: .userSigCheckFailed
        case .requestAuthenticationFailed, .cloudAPIFailed, .cloudAPIUnanswered: .failed
        }
    }

    /// The `requestId` of the frame that failed, when it could be read, so that the `error` answer echoes it.
    public var requestId: Int? {
        switch self {
        case .frameWithoutType(let requestId), .unknownMessageType(_, let requestId),
            .invalidMessage(_, let requestId, _):
            requestId
        default: nil
        }
    }

    /// Tencent Cloud's error code string for REST API failures (`AuthFailure.SignatureFailure`, …), else nil.
    public var cloudAPICode: String? {
        switch self {
        case .requestAuthenticationFailed(let failure): failure.code
        case .cloudAPIFailed(let code, _, _): code
        default: nil
        }
    }

    /// A sentence saying what failed, for the `error` message's `message` field and logs.
    public var description: String {
        switch self {
        case .malformed(let what, let reason): "malformed \(what): \(reason)"
        case .frameTooLarge(let size, let limit): "frame of \(size) bytes exceeds the \(limit)-byte limit"
        case .frameNotJSON(let reason): "frame is not JSON: \(reason)"
        case .frameNotObject: "frame is not a JSON object"
        case .frameWithoutType: "frame has no string \"type\""
        case .unknownMessageType(let type, _): "unknown message type \"\(type)\""
        case .invalidMessage(let type, _, let reason): "invalid \"\(type)\" message: \(reason)"
        case .invalidParameter(_, let reason): reason
        case .userSigRejected(let failure): failure.description
        case .requestAuthenticationFailed(let failure): failure.description
        case .cloudAPIFailed(let code, let message, let requestId): "\(code): \(message) (RequestId \(requestId))"
        case .cloudAPIUnanswered(let action, let reason): "\(action) got no usable answer: \(reason)"
        }
    }
}
