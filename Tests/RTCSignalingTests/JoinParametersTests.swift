import Testing

@testable import RTCSignaling

/// The TRTC code a throwing call fails with, nil when it succeeds.
private func code(_ body: () throws -> Void) -> SignalingErrorCode? {
    do {
        try body()
        return nil
    } catch {
        return (error as? SignalingError)?.code ?? SignalingErrorCode(rawValue: .min)
    }
}

@Suite struct JoinParametersTests {
    @Test func validParametersResolveTheRoom() throws {
        let numeric = try JoinParameters(sdkAppId: 1, userId: "a-b_C9", userSig: "s", roomId: 123, strRoomId: "x")
        #expect(numeric.room == .numeric(123))  // A nonzero roomId wins over strRoomId.
        let string = try JoinParameters(sdkAppId: 1, userId: "a", userSig: "s", roomId: 0, strRoomId: "123")
        #expect(string.room == .string("123"))
        #expect(numeric.room != string.room)
        #expect(Set([RoomID.numeric(123), .string("123")]).count == 2)
        #expect(try JoinParameters(sdkAppId: 1, userId: "a", userSig: "s", room: .string("r")).room == .string("r"))
    }

    @Test func eachFailureHasItsCode() {
        #expect(code { _ = try JoinParameters(sdkAppId: 0, userId: "", userSig: "", roomId: 0, strRoomId: "") } == .roomParamNull)
        #expect(code { _ = try JoinParameters(sdkAppId: 0, userId: "a", userSig: "s", roomId: 1, strRoomId: "") } == .invalidSdkAppId)
        #expect(code { _ = try JoinParameters(sdkAppId: 1, userId: "a", userSig: "s", roomId: 0, strRoomId: "") } == .invalidRoomId)
        #expect(code { _ = try JoinParameters(sdkAppId: 1, userId: "", userSig: "s", roomId: 1, strRoomId: "") } == .invalidUserId)
        #expect(code { _ = try JoinParameters(sdkAppId: 1, userId: "a", userSig: "", roomId: 1, strRoomId: "") } == .invalidUserSig)
        #expect(SignalingErrorCode.roomParamNull.rawValue == -3316)
        #expect(SignalingErrorCode.invalidSdkAppId.rawValue == -3317)
        #expect(SignalingErrorCode.invalidRoomId.rawValue == -3318)
        #expect(SignalingErrorCode.invalidUserId.rawValue == -3319)
        #expect(SignalingErrorCode.invalidUserSig.rawValue == -3320)
    }

    @Test(arguments: [UInt32(1), 4_294_967_294])
    func numericRoomBoundsAreValid(_ id: UInt32) throws {
        try RoomID.numeric(id).validate()
    }

    @Test func numericRoomOutsideTheRangeIsInvalid() {
        #expect(code { try RoomID.numeric(0).validate() } == .invalidRoomId)
        #expect(code { try RoomID.numeric(.max).validate() } == .invalidRoomId)
        #expect(code { _ = try RoomID(roomId: .max, strRoomId: "fine") } == .invalidRoomId)
    }

    @Test func stringRoomCharsetAndLength() throws {
        try RoomID.string("aZ09 !#$%&()+-:;<=.>?@[]^_{}|~,").validate()
        try RoomID.string(String(repeating: "r", count: 64)).validate()
        #expect(code { try RoomID.string(String(repeating: "r", count: 65)).validate() } == .invalidRoomId)
        #expect(code { try RoomID.string("").validate() } == .invalidRoomId)
        for bad in ["a/b", "a\"b", "a'b", "a*b", "a\\b", "a`b", "a\nb", "é", "房间"] {
            #expect(code { try RoomID.string(bad).validate() } == .invalidRoomId, "\(bad)")
        }
    }

    @Test func userIdCharsetAndLength() throws {
        try JoinParameters.validateUserId("Az09_-")
        try JoinParameters.validateUserId(String(repeating: "u", count: 32))
        #expect(code { try JoinParameters.validateUserId(String(repeating: "u", count: 33)) } == .invalidUserId)
        for bad in ["", "a b", "a.b", "a@b", "é", "a:b"] {
            #expect(code { try JoinParameters.validateUserId(bad) } == .invalidUserId, "\(bad)")
        }
    }

    @Test func joinRequestCarriesValidatedParameters() throws {
        let parameters = try JoinParameters(sdkAppId: 9, userId: "u", userSig: "s", roomId: 0, strRoomId: "lobby")
        let request = JoinRequest(
            parameters: parameters, role: .audience, scene: .liveStreaming, ice: MessageFixtures.ice,
            dtls: MessageFixtures.dtls, client: MessageFixtures.client)
        #expect(request.roomId == 0)
        #expect(request.strRoomId == "lobby")
        #expect(try request.parameters() == parameters)
    }

    @Test func rolesAndScenesMapToTRTCValues() {
        #expect(UserRole.anchor.trtcValue == 20)
        #expect(UserRole.audience.trtcValue == 21)
        #expect(UserRole(trtcValue: 21) == .audience)
        #expect(UserRole(trtcValue: 0) == nil)
        #expect(AppScene.allCases.map(\.trtcValue) == [0, 1, 2, 3])
        #expect(AppScene(trtcValue: 3) == .voiceChatRoom)
        #expect(AppScene(trtcValue: 4) == nil)
        #expect(AppScene.allCases.filter(\.showsOnlyAnchors) == [.liveStreaming, .voiceChatRoom])
    }

    @Test func customCmdLimits() throws {
        try CustomCmdRequest(cmdId: 10, seq: 0, reliable: true, ordered: true, data: .init(count: 1024)).validate()
        #expect(code { try CustomCmdRequest(cmdId: 0, seq: 0, reliable: true, ordered: true, data: .init()).validate() } == .invalidParameter)
        #expect(code { try CustomCmdRequest(cmdId: 11, seq: 0, reliable: true, ordered: true, data: .init()).validate() } == .invalidParameter)
        #expect(code { try CustomCmdRequest(cmdId: 1, seq: 0, reliable: true, ordered: true, data: .init(count: 1025)).validate() } == .invalidParameter)
    }
}
