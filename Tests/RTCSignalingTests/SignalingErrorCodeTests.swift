import Foundation
import Testing

@testable import RTCSignaling

@Suite struct SignalingErrorCodeTests {
    @Test func trtcValuesAreTRTCs() {
        let expected: [(SignalingErrorCode, Int32, String)] = [
            (.null, 0, "ERR_NULL"), (.failed, -1, "ERR_FAILED"), (.invalidParameter, -2, "ERR_INVALID_PARAMETER"),
            (.refused, -3, "ERR_REFUSED"), (.notSupported, -4, "ERR_NOT_SUPPORTED"),
            (.requestServerTimeout, -6, "ERR_REQUEST_SERVER_TIMEOUT"), (.serverProcessFailed, -7, "ERR_SERVER_PROCESS_FAILED"),
            (.disconnected, -8, "ERR_DISCONNECTED"), (.enterRoomFailed, -3301, "ERR_TRTC_ENTER_ROOM_FAILED"),
            (.requestIPTimeout, -3307, "ERR_TRTC_REQUEST_IP_TIMEOUT"),
            (.connectServerTimeout, -3308, "ERR_TRTC_CONNECT_SERVER_TIMEOUT"),
            (.roomParamNull, -3316, "ERR_TRTC_ROOM_PARAM_NULL"), (.invalidSdkAppId, -3317, "ERR_TRTC_INVALID_SDK_APPID"),
            (.invalidRoomId, -3318, "ERR_TRTC_INVALID_ROOM_ID"), (.invalidUserId, -3319, "ERR_TRTC_INVALID_USER_ID"),
            (.invalidUserSig, -3320, "ERR_TRTC_INVALID_USER_SIG"), (.enterRoomRefused, -3340, "ERR_TRTC_ENTER_ROOM_REFUSED"),
            (.invalidPrivateMapKey, -100006, "ERR_TRTC_INVALID_PRIVATE_MAPKEY"),
            (.serviceSuspended, -100013, "ERR_TRTC_SERVICE_SUSPENDED"),
            (.userSigCheckFailed, -100018, "ERR_TRTC_USER_SIG_CHECK_FAILED"),
            (.malformedMessage, -1001, "MALFORMED_MESSAGE"), (.notJoined, -1002, "NOT_JOINED"),
            (.alreadyJoined, -1003, "ALREADY_JOINED"), (.notAllowedForRole, -1102, "NOT_ALLOWED_FOR_ROLE"),
            (.rateLimitExceeded, -1103, "RATE_LIMIT_EXCEEDED"), (.messageTooLarge, -1104, "MESSAGE_TOO_LARGE"),
        ]
        for (code, value, name) in expected {
            #expect(code.rawValue == value)
            #expect(code.name == name)
        }
        #expect(SignalingErrorCode(rawValue: 12345).name == nil)
        #expect(SignalingErrorCode.invalidRoomId.description == "ERR_TRTC_INVALID_ROOM_ID(-3318)")
    }

    @Test func codesEncodeAsBareIntegers() throws {
        #expect(String(decoding: try JSONEncoder().encode(SignalingErrorCode.userSigCheckFailed), as: UTF8.self) == "-100018")
        #expect(try JSONDecoder().decode(SignalingErrorCode.self, from: Data("-1104".utf8)) == .messageTooLarge)
    }

    @Test func errorsMapToTheirCodes() {
        #expect(SignalingError.frameNotObject.code == .malformedMessage)
        #expect(SignalingError.frameNotJSON(reason: "x").code == .malformedMessage)
        #expect(SignalingError.malformed(what: "x", reason: "y").code == .malformedMessage)
        #expect(SignalingError.invalidParameter(.invalidUserId, reason: "x").code == .invalidUserId)
        #expect(SignalingError.userSigRejected(.signatureMismatch).code == .userSigCheckFailed)
        #expect(SignalingError.requestAuthenticationFailed(.signatureMismatch).cloudAPICode == "AuthFailure.SignatureFailure")
        #expect(SignalingError.userSigRejected(.empty).cloudAPICode == nil)
        let notAllowed = SignalingError.requestAuthenticationFailed(.sdkAppIdNotAllowed(secretId: "AKID", sdkAppId: 7))
        #expect(notAllowed.cloudAPICode == "UnauthorizedOperation.SdkAppId")
        #expect(notAllowed.description == #"The SecretId "AKID" may not manage SdkAppId 7."#)
        #expect(SignalingError.invalidMessage(type: "mute", requestId: 3, reason: "r").requestId == 3)
        #expect(SignalingError.frameNotObject.requestId == nil)
    }
}
