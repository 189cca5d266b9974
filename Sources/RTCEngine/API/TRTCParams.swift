import Foundation

/// Everything `enterRoom` needs: the app, the user and its UserSig, the room, the role (TRTC's `TRTCParams`).
public struct TRTCParams: Sendable, Equatable {
    /// The app, as the console (or `rtc-server --app`) assigned it.
    public var sdkAppId: UInt32 = 0
    /// The user: at most 32 bytes of `[a-zA-Z0-9_-]`.
    public var userId: String = ""
    /// The signature the app's backend issued for `userId` (TLSSigAPIv2).
    public var userSig: String = ""
    /// A numeric room, 1…4294967294; 0 means `strRoomId` names the room. Wins when both are set.
    public var roomId: UInt32 = 0
    /// A string room, at most 64 bytes; "123" and 123 are different rooms.
    public var strRoomId: String = ""
    /// Anchor or audience; only meaningful in `.LIVE` and `.voiceChatRoom`.
    public var role: TRTCRoleType = .anchor
    /// Accepted for source compatibility with TRTC; this server does not check it.
    public var privateMapKey: String = ""
    /// Accepted for source compatibility with TRTC (CDN relay is not part of this engine).
    public var streamId: String = ""
    /// Accepted for source compatibility with TRTC (cloud recording is not part of this engine); at most 64 bytes.
    public var userDefineRecordId: String = ""
    /// The signaling endpoint, e.g. `ws://127.0.0.1:7880/rtc/v1`; when empty, `RTC_SERVER_URL`, else that default.
    public var serverURL: String = ""

    /// Parameters with every field at its default; set at least `sdkAppId`, `userId`, `userSig` and a room.
    public init() {}

    /// Parameters for a numeric room.
    public init(sdkAppId: UInt32, userId: String, userSig: String, roomId: UInt32, role: TRTCRoleType = .anchor, serverURL: String = "") {
        self.sdkAppId = sdkAppId
        self.userId = userId
        self.userSig = userSig
        self.roomId = roomId
        self.role = role
        self.serverURL = serverURL
    }

    /// Parameters for a string room.
    public init(sdkAppId: UInt32, userId: String, userSig: String, strRoomId: String, role: TRTCRoleType = .anchor, serverURL: String = "") {
        self.init(sdkAppId: sdkAppId, userId: userId, userSig: userSig, roomId: 0, role: role, serverURL: serverURL)
        self.strRoomId = strRoomId
    }

    /// The URL `enterRoom` connects to: `serverURL`, else `RTC_SERVER_URL`, else the local default.
    var resolvedServerURL: String {
        if !serverURL.isEmpty { return serverURL }
        if let fromEnvironment = ProcessInfo.processInfo.environment["RTC_SERVER_URL"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "ws://127.0.0.1:7880/rtc/v1"
    }
}
