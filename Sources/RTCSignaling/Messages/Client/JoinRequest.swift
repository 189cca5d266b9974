/// `join`: enter a room with TRTC's parameters and this client's transport credentials (protocol.md §1).
///
/// Decoding checks JSON types only: a missing TRTC parameter decodes as 0 or "" so that `parameters()`
/// can answer with TRTC's code for it (-3316…-3320) rather than -1001.
public struct JoinRequest: Codable, Sendable, Equatable {
    /// The app.
    public var sdkAppId: UInt32
    /// The user.
    public var userId: String
    /// The user's UserSig.
    public var userSig: String
    /// The numeric room id, 0 when the room is a string room (omitted on the wire when 0).
    public var roomId: UInt32
    /// The string room id, used when `roomId` is 0 (omitted on the wire when empty).
    public var strRoomId: String
    /// The role to enter with.
    public var role: UserRole
    /// The room's scene.
    public var scene: AppScene
    /// The client's ICE credentials.
    public var ice: ICEParameters
    /// The client's DTLS fingerprint and setup role (`active`).
    public var dtls: DTLSParameters
    /// The client's software.
    public var client: ClientInfo
    /// A live session's id to re-attach to, instead of entering anew.
    public var resume: String?

    /// A join request for validated parameters.
    public init(
        parameters: JoinParameters, role: UserRole, scene: AppScene, ice: ICEParameters, dtls: DTLSParameters,
        client: ClientInfo, resume: String? = nil
    ) {
        self.init(
            sdkAppId: parameters.sdkAppId, userId: parameters.userId, userSig: parameters.userSig,
            roomId: parameters.room.roomId, strRoomId: parameters.room.strRoomId, role: role, scene: scene,
            ice: ice, dtls: dtls, client: client, resume: resume)
    }

    /// A join request with every field as given, valid or not.
    public init(
        sdkAppId: UInt32, userId: String, userSig: String, roomId: UInt32, strRoomId: String, role: UserRole,
        scene: AppScene, ice: ICEParameters, dtls: DTLSParameters, client: ClientInfo, resume: String? = nil
    ) {
        self.sdkAppId = sdkAppId
        self.userId = userId
        self.userSig = userSig
        self.roomId = roomId
        self.strRoomId = strRoomId
        self.role = role
        self.scene = scene
        self.ice = ice
        self.dtls = dtls
        self.client = client
        self.resume = resume
    }

    /// The TRTC parameters, validated; throws `invalidParameter` with TRTC's code for the first bad one.
    public func parameters() throws(SignalingError) -> JoinParameters {
        try JoinParameters(
            sdkAppId: sdkAppId, userId: userId, userSig: userSig, roomId: roomId, strRoomId: strRoomId)
    }

    private enum CodingKeys: String, CodingKey {
        case sdkAppId, userId, userSig, roomId, strRoomId, role, scene, ice, dtls, client, resume
    }

    /// Decodes the fields; TRTC parameters default to 0 / "" when absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sdkAppId = try c.decodeIfPresent(UInt32.self, forKey: .sdkAppId) ?? 0
        userId = try c.decodeIfPresent(String.self, forKey: .userId) ?? ""
        userSig = try c.decodeIfPresent(String.self, forKey: .userSig) ?? ""
        roomId = try c.decodeIfPresent(UInt32.self, forKey: .roomId) ?? 0
        strRoomId = try c.decodeIfPresent(String.self, forKey: .strRoomId) ?? ""
        role = try c.decode(UserRole.self, forKey: .role)
        scene = try c.decode(AppScene.self, forKey: .scene)
        ice = try c.decode(ICEParameters.self, forKey: .ice)
        dtls = try c.decode(DTLSParameters.self, forKey: .dtls)
        client = try c.decode(ClientInfo.self, forKey: .client)
        resume = try c.decodeIfPresent(String.self, forKey: .resume)
    }

    /// Encodes the fields, leaving out a zero `roomId` and an empty `strRoomId`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sdkAppId, forKey: .sdkAppId)
        try c.encode(userId, forKey: .userId)
        try c.encode(userSig, forKey: .userSig)
        if roomId != 0 { try c.encode(roomId, forKey: .roomId) }
        if !strRoomId.isEmpty { try c.encode(strRoomId, forKey: .strRoomId) }
        try c.encode(role, forKey: .role)
        try c.encode(scene, forKey: .scene)
        try c.encode(ice, forKey: .ice)
        try c.encode(dtls, forKey: .dtls)
        try c.encode(client, forKey: .client)
        try c.encodeIfPresent(resume, forKey: .resume)
    }
}
