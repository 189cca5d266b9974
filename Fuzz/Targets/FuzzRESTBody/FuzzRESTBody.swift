// The room-management REST API's parameters (rest-api.md): a JSON body (POST) or a query string
// (GET), read only after the request's TC3 signature verified, but from any holder of a key.
import FuzzSupport
import RTCServer

/// The actions of rest-api.md, and one the endpoint does not know.
private let actions = ["DismissRoom", "DismissRoomByStrRoomId", "RemoveUser", "RemoveUserByStrRoomId", "Unknown"]

/// The parameter errors rest-api.md lets the endpoint answer.
private let documentedCodes: Set<String> = [
    "InvalidParameter", "InvalidParameter.RoomId", "InvalidParameter.SdkAppId", "InvalidParameter.UserIds",
    "InvalidParameterValue.RoomId", "MissingParameter.RoomId", "MissingParameter.SdkAppId",
    "MissingParameter.UserIds", "InvalidAction",
]

/// The first byte picks the action (its value modulo 5) and, with bit 7, a GET query instead of a
/// POST body; the rest is the body or query. Every refusal must carry a documented error code.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let selector = input.byte()
    let action = actions[Int(selector & 0x7F) % actions.count]
    let rest = input.rest()
    let code =
        selector & 0x80 == 0
        ? RoomServiceParameterCheck.errorCode(action: action, body: rest)
        : RoomServiceParameterCheck.errorCode(action: action, body: [], query: String(decoding: rest, as: UTF8.self))
    if let code {
        fuzzCheck(documentedCodes.contains(code), "undocumented error code \(code) for \(action)")
    } else {
        fuzzCheck(action != "Unknown", "an unknown action was accepted")
    }
    return 0
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzRESTBody_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
