/// A TRTC-style error code: TRTC's own values (`TXLiteAVError`, api.md) and the protocol's (protocol.md §1).
///
/// A struct rather than an enum so that an `error` message with a code this build does not know still decodes.
public struct SignalingErrorCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The code as sent on the wire and reported to the app.
    public let rawValue: Int32

    /// Wraps any code value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Decodes the code from a JSON integer.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int32.self)
    }

    /// Encodes the code as a JSON integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // MARK: TRTC (TXLiteAVError)

    /// `ERR_NULL`: no error.
    public static let null = SignalingErrorCode(rawValue: 0)
    /// `ERR_FAILED`: unclassified failure.
    public static let failed = SignalingErrorCode(rawValue: -1)
    /// `ERR_INVALID_PARAMETER`: a call's parameter is invalid.
    public static let invalidParameter = SignalingErrorCode(rawValue: -2)
    /// `ERR_REFUSED`: the request was refused.
    public static let refused = SignalingErrorCode(rawValue: -3)
    /// `ERR_NOT_SUPPORTED`: the call is not supported here.
    public static let notSupported = SignalingErrorCode(rawValue: -4)
    /// `ERR_REQUEST_SERVER_TIMEOUT`: the server did not answer in time.
    public static let requestServerTimeout = SignalingErrorCode(rawValue: -6)
    /// `ERR_SERVER_PROCESS_FAILED`: the server failed to process the request.
    public static let serverProcessFailed = SignalingErrorCode(rawValue: -7)
    /// `ERR_DISCONNECTED`: the connection to the server is lost.
    public static let disconnected = SignalingErrorCode(rawValue: -8)
    /// `ERR_TRTC_ENTER_ROOM_FAILED`: entering the room failed (e.g. the media path never came up).
    public static let enterRoomFailed = SignalingErrorCode(rawValue: -3301)
    /// `ERR_TRTC_REQUEST_IP_TIMEOUT`: fetching the server address timed out.
    public static let requestIPTimeout = SignalingErrorCode(rawValue: -3307)
    /// `ERR_TRTC_CONNECT_SERVER_TIMEOUT`: connecting to the server timed out.
    public static let connectServerTimeout = SignalingErrorCode(rawValue: -3308)
    /// `ERR_TRTC_ROOM_PARAM_NULL`: no room parameters at all.
    public static let roomParamNull = SignalingErrorCode(rawValue: -3316)
    /// `ERR_TRTC_INVALID_SDK_APPID`: the SdkAppId is invalid.
    public static let invalidSdkAppId = SignalingErrorCode(rawValue: -3317)
    /// `ERR_TRTC_INVALID_ROOM_ID`: the room id (numeric or string) is invalid.
    public static let invalidRoomId = SignalingErrorCode(rawValue: -3318)
    /// `ERR_TRTC_INVALID_USER_ID`: the user id is invalid.
    public static let invalidUserId = SignalingErrorCode(rawValue: -3319)
    /// `ERR_TRTC_INVALID_USER_SIG`: the UserSig is empty.
    public static let invalidUserSig = SignalingErrorCode(rawValue: -3320)
    /// `ERR_TRTC_ENTER_ROOM_REFUSED`: the server refused the entry.
    public static let enterRoomRefused = SignalingErrorCode(rawValue: -3340)
    /// `ERR_TRTC_INVALID_PRIVATE_MAPKEY`: the privateMapKey is invalid.
    public static let invalidPrivateMapKey = SignalingErrorCode(rawValue: -100006)
    /// `ERR_TRTC_SERVICE_SUSPENDED`: the app's service is suspended.
    public static let serviceSuspended = SignalingErrorCode(rawValue: -100013)
    /// `ERR_TRTC_USER_SIG_CHECK_FAILED`: the UserSig failed verification.
    public static let userSigCheckFailed = SignalingErrorCode(rawValue: -100018)

    // MARK: The signaling protocol's own (protocol.md §1)

    /// A malformed message or one of an unknown type.
    public static let malformedMessage = SignalingErrorCode(rawValue: -1001)
    /// A request other than `join` before the join.
    public static let notJoined = SignalingErrorCode(rawValue: -1002)
    /// A second `join` on a joined connection.
    public static let alreadyJoined = SignalingErrorCode(rawValue: -1003)
    /// A request the user's role may not make (e.g. `publish` as audience).
    public static let notAllowedForRole = SignalingErrorCode(rawValue: -1102)
    /// A request over its rate limit (e.g. custom messages).
    public static let rateLimitExceeded = SignalingErrorCode(rawValue: -1103)
    /// A frame larger than the protocol's limit.
    public static let messageTooLarge = SignalingErrorCode(rawValue: -1104)

    private static let names: [Int32: String] = [
        0: "ERR_NULL", -1: "ERR_FAILED", -2: "ERR_INVALID_PARAMETER", -3: "ERR_REFUSED",
        -4: "ERR_NOT_SUPPORTED", -6: "ERR_REQUEST_SERVER_TIMEOUT", -7: "ERR_SERVER_PROCESS_FAILED",
        -8: "ERR_DISCONNECTED", -3301: "ERR_TRTC_ENTER_ROOM_FAILED", -3307: "ERR_TRTC_REQUEST_IP_TIMEOUT",
        -3308: "ERR_TRTC_CONNECT_SERVER_TIMEOUT", -3316: "ERR_TRTC_ROOM_PARAM_NULL",
        -3317: "ERR_TRTC_INVALID_SDK_APPID", -3318: "ERR_TRTC_INVALID_ROOM_ID",
        -3319: "ERR_TRTC_INVALID_USER_ID", -3320: "ERR_TRTC_INVALID_USER_SIG",
        -3340: "ERR_TRTC_ENTER_ROOM_REFUSED", -100006: "ERR_TRTC_INVALID_PRIVATE_MAPKEY",
        -100013: "ERR_TRTC_SERVICE_SUSPENDED", -100018: "ERR_TRTC_USER_SIG_CHECK_FAILED",
        -1001: "MALFORMED_MESSAGE", -1002: "NOT_JOINED", -1003: "ALREADY_JOINED",
        -1102: "NOT_ALLOWED_FOR_ROLE", -1103: "RATE_LIMIT_EXCEEDED", -1104: "MESSAGE_TOO_LARGE",
    ]

    /// The constant's name (`ERR_TRTC_INVALID_ROOM_ID`, `MALFORMED_MESSAGE`), nil for codes this build does not know.
    public var name: String? { Self.names[rawValue] }

    /// The name and value, e.g. `ERR_TRTC_INVALID_ROOM_ID(-3318)`.
    public var description: String { "\(name ?? "code")(\(rawValue))" }
}
