import Foundation
import RTCSignaling

/// The parameters of one room-management call, read from its JSON body (POST) or query string
/// (GET), each failure named with Tencent's error code (rest-api.md).
struct RoomServiceParameters {
    let sdkAppId: UInt32
    let room: RoomID
    let userIds: [String]

    /// The most user ids one RemoveUser call may name.
    static let maxUserIds = 10

    init(action: RoomServiceAction, body: [UInt8], query: String?) throws {
        let fields = try query.map(Self.fields(fromQuery:)) ?? Self.fields(fromJSON: body)
        // A query string carries every value as text; a JSON body must carry numbers as numbers.
        let numberAsText = query != nil
        // X-TC-Action is not among the signed headers (Tencent's SDKs sign content-type;host): a
        // captured RemoveUser must not pass for a DismissRoom, so a parameter of another action is refused.
        if !action.takesUserIds, fields["UserIds"] != nil {
            throw Self.failure("InvalidParameter", "UserIds is not a parameter of \(action.rawValue)")
        }
        guard let appValue = fields["SdkAppId"] else {
            throw Self.failure("MissingParameter.SdkAppId", "SdkAppId is required")
        }
        guard let sdkAppId = Self.unsigned(appValue, numberAsText: numberAsText), sdkAppId > 0 else {
            throw Self.failure("InvalidParameter.SdkAppId", "SdkAppId must be a positive integer")
        }
        guard let roomValue = fields["RoomId"] else {
            throw Self.failure("MissingParameter.RoomId", "RoomId is required")
        }
        let room: RoomID
        do {
            if action.usesStringRoomId {
                guard let text = roomValue as? String else {
                    throw Self.failure("InvalidParameter.RoomId", "RoomId must be a string for \(action.rawValue)")
                }
                room = try RoomID(roomId: 0, strRoomId: text)
            } else {
                guard let number = Self.unsigned(roomValue, numberAsText: numberAsText) else {
                    throw Self.failure("InvalidParameter.RoomId", "RoomId must be an integer for \(action.rawValue)")
                }
                room = try RoomID(roomId: number, strRoomId: "")
            }
        } catch let error as SignalingError {
            throw Self.failure("InvalidParameterValue.RoomId", error.description)
        }
        var userIds: [String] = []
        if action.takesUserIds {
            guard let list = fields["UserIds"] else {
                throw Self.failure("MissingParameter.UserIds", "UserIds is required")
            }
            guard let ids = list as? [Any], let strings = ids as? [String], (1...Self.maxUserIds).contains(strings.count),
                strings.allSatisfy({ (try? JoinParameters.validateUserId($0)) != nil })
            else {
                throw Self.failure("InvalidParameter.UserIds", "UserIds must list 1–\(Self.maxUserIds) valid user ids")
            }
            userIds = strings
        }
        self.sdkAppId = sdkAppId
        self.room = room
        self.userIds = userIds
    }

    private static func failure(_ code: String, _ message: String) -> RESTFailure {
        RESTFailure(code: code, message: message, badInput: .restParameters)
    }

    private static func fields(fromJSON body: [UInt8]) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw failure("InvalidParameter", "the body must be a JSON object")
        }
        return object
    }

    /// `SdkAppId=1&RoomId=2&UserIds.0=a&UserIds.1=b`, as the Cloud API's GET form flattens lists.
    private static func fields(fromQuery query: String) throws -> [String: Any] {
        var fields: [String: Any] = [:]
        var userIds: [(Int, String)] = []
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(Self.formDecoded)
            guard parts.count == 2 else { continue }
            if parts[0].hasPrefix("UserIds.") {
                guard let index = Int(parts[0].dropFirst("UserIds.".count)), userIds.count <= maxUserIds else {
                    throw failure("InvalidParameter.UserIds", "UserIds must list 1–\(maxUserIds) valid user ids")
                }
                userIds.append((index, parts[1]))
            } else {
                fields[parts[0]] = parts[1]
            }
        }
        if !userIds.isEmpty { fields["UserIds"] = userIds.sorted { $0.0 < $1.0 }.map(\.1) }
        return fields
    }

    /// A query component as `application/x-www-form-urlencoded` writes it (`+` for space, `%XX`), decoded.
    static func formDecoded(_ component: Substring) -> String {
        let text = component.replacingOccurrences(of: "+", with: " ")
        return text.removingPercentEncoding ?? text
    }

    /// A JSON integer (or, from a query string, decimal text) that fits UInt32.
    private static func unsigned(_ value: Any, numberAsText: Bool) -> UInt32? {
        if let text = value as? String { return numberAsText ? UInt32(text) : nil }
        // JSON's true and false are NSNumbers too, and bridge to Bool as 0 and 1 do: tell them apart by type code.
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        let double = number.doubleValue
        guard double >= 0, double <= Double(UInt32.max), double == double.rounded() else { return nil }
        return UInt32(double)
    }
}
