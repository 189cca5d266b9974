import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Calls the room-management REST API (rest-api.md) as an app's backend does: TRTC 2019-07-22
/// actions in Tencent Cloud API 3.0's wire format, signed with TC3-HMAC-SHA256.
public struct RoomServiceClient: Sendable {
    /// The largest answer read; a longer one is not a room-service answer.
    public static let maxResponseBytes = 64 * 1024

    /// Where requests go: `http://HOST:PORT/` of the room server.
    public let endpoint: URL
    private let signer: TC3Signer
    private let timeout: TimeInterval

    /// A client for `endpoint` signing with one REST credential (SecretId and SecretKey).
    public init(endpoint: URL, secretId: String, secretKey: String, region: String? = nil, timeout: TimeInterval = 10) {
        self.endpoint = endpoint
        self.signer = TC3Signer(secretId: secretId, secretKey: secretKey, region: region)
        self.timeout = timeout
    }

    /// `DismissRoom`: every member of the numeric room gets `onExitRoom(2)`; returns the RequestId.
    public func dismissRoom(sdkAppId: UInt32, roomId: UInt32) async throws(SignalingError) -> String {
        try await call("DismissRoom", parameters: RoomParameters(sdkAppId: sdkAppId, roomId: .number(roomId)))
    }

    /// `DismissRoomByStrRoomId`: the same for a string room; returns the RequestId.
    public func dismissRoom(sdkAppId: UInt32, strRoomId: String) async throws(SignalingError) -> String {
        try await call("DismissRoomByStrRoomId", parameters: RoomParameters(sdkAppId: sdkAppId, roomId: .string(strRoomId)))
    }

    /// `RemoveUser`: each named member of the numeric room gets `onExitRoom(1)`; returns the RequestId.
    public func removeUser(sdkAppId: UInt32, roomId: UInt32, userIds: [String]) async throws(SignalingError) -> String {
        try await call("RemoveUser", parameters: RoomParameters(sdkAppId: sdkAppId, roomId: .number(roomId), userIds: userIds))
    }

    /// `RemoveUserByStrRoomId`: the same for a string room; returns the RequestId.
    public func removeUser(sdkAppId: UInt32, strRoomId: String, userIds: [String]) async throws(SignalingError) -> String {
        try await call(
            "RemoveUserByStrRoomId", parameters: RoomParameters(sdkAppId: sdkAppId, roomId: .string(strRoomId), userIds: userIds))
    }

    /// Signs and posts one action; returns the answer's RequestId or throws its `Error`.
    private func call(_ action: String, parameters: RoomParameters) async throws(SignalingError) -> String {
        let body: Data
        do {
            body = try JSONEncoder().encode(parameters)
        } catch {
            throw .cloudAPIUnanswered(action: action, reason: "the parameters could not be encoded: \(error)")
        }
        guard let host = endpoint.host else {
            throw .cloudAPIUnanswered(action: action, reason: "the endpoint \(endpoint) has no host")
        }
        let authority = endpoint.port.map { "\(host):\($0)" } ?? host
        let headers = signer.signPOST(
            action: action, body: body, host: authority, timestamp: Int64(Date().timeIntervalSince1970))
        var request = URLRequest(url: endpoint, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        // URLSession writes Host itself, from the URL: the same authority that was signed.
        for (name, value) in headers where name != "Host" { request.setValue(value, forHTTPHeaderField: name) }

        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw .cloudAPIUnanswered(action: action, reason: error.localizedDescription)
        }
        guard let status = (response as? HTTPURLResponse)?.statusCode, status == 200 else {
            throw .cloudAPIUnanswered(action: action, reason: "HTTP status \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
        return try Self.requestId(fromAnswer: data, action: action)
    }

    /// The RequestId of a `{"Response": {…}}` answer, or its `Error` as `cloudAPIFailed`.
    static func requestId(fromAnswer data: Data, action: String) throws(SignalingError) -> String {
        guard data.count <= maxResponseBytes else {
            throw .cloudAPIUnanswered(action: action, reason: "an answer of \(data.count) bytes")
        }
        let answer: CloudAPIAnswer
        do {
            answer = try JSONDecoder().decode(CloudAPIAnswer.self, from: data)
        } catch {
            throw .cloudAPIUnanswered(action: action, reason: "the answer is not a Cloud API Response object")
        }
        if let failure = answer.response.error {
            throw .cloudAPIFailed(code: failure.code, message: failure.message, requestId: answer.response.requestId)
        }
        return answer.response.requestId
    }
}

/// The JSON body of the room actions: `SdkAppId`, `RoomId` (number or string) and, to remove users, `UserIds`.
private struct RoomParameters: Encodable {
    enum Room {
        case number(UInt32)
        case string(String)
    }

    let sdkAppId: UInt32
    let roomId: Room
    var userIds: [String]?

    private enum CodingKeys: String, CodingKey {
        case sdkAppId = "SdkAppId"
        case roomId = "RoomId"
        case userIds = "UserIds"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sdkAppId, forKey: .sdkAppId)
        switch roomId {
        case .number(let number): try container.encode(number, forKey: .roomId)
        case .string(let string): try container.encode(string, forKey: .roomId)
        }
        try container.encodeIfPresent(userIds, forKey: .userIds)
    }
}

/// `{"Response": {"RequestId": "…", "Error": {"Code": "…", "Message": "…"}}}`.
private struct CloudAPIAnswer: Decodable {
    struct Body: Decodable {
        let requestId: String
        let error: Failure?

        private enum CodingKeys: String, CodingKey {
            case requestId = "RequestId"
            case error = "Error"
        }
    }

    struct Failure: Decodable {
        let code: String
        let message: String

        private enum CodingKeys: String, CodingKey {
            case code = "Code"
            case message = "Message"
        }
    }

    let response: Body

    private enum CodingKeys: String, CodingKey {
        case response = "Response"
    }
}
