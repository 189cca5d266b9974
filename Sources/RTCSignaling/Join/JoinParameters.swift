/// The TRTC parameters of entering a room (`TRTCParams`), checked against TRTC's rules (api.md).
public struct JoinParameters: Hashable, Sendable {
    /// The app the room belongs to.
    public let sdkAppId: UInt32
    /// The user: 1…32 bytes of `[a-zA-Z0-9_-]`.
    public let userId: String
    /// The user's UserSig (checked for emptiness here, for validity by `UserSigIssuer.verify`).
    public let userSig: String
    /// The room.
    public let room: RoomID

    /// The longest valid user id, in UTF-8 bytes.
    public static let maxUserIdBytes = 32

    /// Validates the parameters as TRTC does, in the order of their codes; throws the first failure's code:
    /// nothing set → -3316, sdkAppId → -3317, room → -3318, userId → -3319, empty userSig → -3320.
    public init(sdkAppId: UInt32, userId: String, userSig: String, roomId: UInt32, strRoomId: String)
        throws(SignalingError)
    {
        if sdkAppId == 0, userId.isEmpty, userSig.isEmpty, roomId == 0, strRoomId.isEmpty {
            throw .invalidParameter(.roomParamNull, reason: "enter-room parameters are empty")
        }
        try Self.validateSdkAppId(sdkAppId)
        let room = try RoomID(roomId: roomId, strRoomId: strRoomId)
        try Self.validateUserId(userId)
        try Self.validateUserSig(userSig)
        self.sdkAppId = sdkAppId
        self.userId = userId
        self.userSig = userSig
        self.room = room
    }

    /// Validates the parameters with an already resolved room.
    public init(sdkAppId: UInt32, userId: String, userSig: String, room: RoomID) throws(SignalingError) {
        try self.init(
            sdkAppId: sdkAppId, userId: userId, userSig: userSig, roomId: room.roomId, strRoomId: room.strRoomId)
    }

    /// Throws `ERR_TRTC_INVALID_SDK_APPID` for 0, the one value TRTC never assigns.
    public static func validateSdkAppId(_ sdkAppId: UInt32) throws(SignalingError) {
        guard sdkAppId != 0 else { throw .invalidParameter(.invalidSdkAppId, reason: "sdkAppId is 0") }
    }

    /// Throws `ERR_TRTC_INVALID_USER_ID` unless `userId` is 1…32 bytes of `[a-zA-Z0-9_-]`.
    public static func validateUserId(_ userId: String) throws(SignalingError) {
        let bytes = userId.utf8
        guard !bytes.isEmpty else { throw .invalidParameter(.invalidUserId, reason: "userId is empty") }
        guard bytes.count <= maxUserIdBytes else {
            throw .invalidParameter(
                .invalidUserId, reason: "userId is \(bytes.count) bytes, more than \(maxUserIdBytes)")
        }
        let allowed = bytes.allSatisfy {
            RoomID.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
        guard allowed else {
            throw .invalidParameter(.invalidUserId, reason: "userId has a character outside [a-zA-Z0-9_-]")
        }
    }

    /// Throws `ERR_TRTC_INVALID_USER_SIG` for an empty UserSig.
    public static func validateUserSig(_ userSig: String) throws(SignalingError) {
        guard !userSig.isEmpty else { throw .invalidParameter(.invalidUserSig, reason: "userSig is empty") }
    }
}
