import Foundation
import Hummingbird
import NIOCore
import RTCSignaling
import NIOConcurrencyHelpers

/// The room-management REST API in Tencent Cloud API 3.0's wire format (rest-api.md):
/// TC3-HMAC-SHA256 authentication, DismissRoom(ByStrRoomId), RemoveUser(ByStrRoomId).
struct RoomServiceEndpoint: Sendable {
    let router: RoomRouter
    private let verifier: TC3Verifier
    private let limiter: RESTRateLimiter
    /// Bodies larger than this are refused before parsing.
    static let maxBodyBytes = 64 * 1024
    /// How much of a refused body is still read: a client that is still sending when the answer goes
    /// out gets a connection reset instead of the answer.
    static let drainBytes = 4 * 1024 * 1024

    init(router: RoomRouter) {
        self.router = router
        let keys = Dictionary(router.configuration.apiKeys.map { ($0.secretId, $0.secretKey) }, uniquingKeysWith: { first, _ in first })
        self.verifier = TC3Verifier(service: "trtc") { keys[$0] }
        self.limiter = RESTRateLimiter(limit: router.configuration.restRequestsPerSecond)
    }

    /// Answers one request: always HTTP 200 with a `Response` object, as Tencent Cloud does.
    func respond(to request: Request, context: some RequestContext) async throws -> Response {
        let requestId = UUID().uuidString.lowercased()
        let outcome: RESTOutcome
        do {
            outcome = try await handle(request, context: context)
        } catch let failure as RESTFailure {
            router.metrics.count(failure.badInput)
            router.logger.info("REST refused", metadata: ["code": "\(failure.code)", "reason": "\(failure.message)"])
            outcome = .failure(failure)
        }
        return outcome.response(requestId: requestId)
    }

    /// The body, when it is at most `maxBodyBytes`. A larger one is read on (up to `drainBytes` more) and
    /// dropped before it is refused.
    private static func readBody(of request: Request) async throws -> ByteBuffer {
        var body = ByteBuffer()
        var received = 0
        do {
            for try await part in request.body {
                received += part.readableBytes
                if received <= maxBodyBytes {
                    body.writeImmutableBuffer(part)
                } else if received > maxBodyBytes + drainBytes {
                    break
                }
            }
        } catch {
            throw RESTFailure(code: "InvalidParameter", message: "the body could not be read: \(error)", badInput: .restParameters)
        }
        guard received <= maxBodyBytes else {
            throw RESTFailure(code: "InvalidParameter", message: "the body is larger than \(maxBodyBytes) bytes", badInput: .restParameters)
        }
        return body
    }

    private func handle(_ request: Request, context: some RequestContext) async throws -> RESTOutcome {
        let body = try await Self.readBody(of: request)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        // HTTP/1's Host header arrives as the request's authority (swift-http-types), not among its fields.
        if let authority = request.head.authority { headers["host"] = authority }
        let query = request.uri.query ?? ""
        let signed = TC3Request(method: request.method.rawValue, path: request.uri.path, query: query, headers: headers, body: body.readableBytesView)
        let secretId: String
        do {
            secretId = try verifier.verify(signed)
        } catch {
            throw RESTFailure(code: error.cloudAPICode ?? "AuthFailure", message: error.description, badInput: .restAuthentication)
        }
        guard let credential = router.configuration.apiKeys.first(where: { $0.secretId == secretId }) else {
            throw RESTFailure(code: "AuthFailure.SecretIdNotFound", message: "unknown SecretId", badInput: .restAuthentication)
        }
        let actionName = signed.header("X-TC-Action") ?? queryValue("Action", in: query) ?? ""
        guard let action = RoomServiceAction(rawValue: actionName) else {
            throw RESTFailure(code: "InvalidAction", message: "unknown action \"\(actionName)\"", badInput: .restParameters)
        }
        let parameters = try RoomServiceParameters(action: action, body: Array(body.readableBytesView), query: request.method == .get ? query : nil)
        guard credential.mayManage(parameters.sdkAppId) else {
            throw RESTFailure(code: "UnauthorizedOperation.SdkAppId", message: "this SecretId may not manage SdkAppId \(parameters.sdkAppId)", badInput: .restAuthentication)
        }
        guard limiter.admit(sdkAppId: parameters.sdkAppId, action: action) else {
            throw RESTFailure(code: "RequestLimitExceeded", message: "more than \(router.configuration.restRequestsPerSecond) \(action.rawValue) requests per second for SdkAppId \(parameters.sdkAppId)", badInput: .restRateLimited)
        }
        let key = RoomKey(sdkAppId: parameters.sdkAppId, room: parameters.room)
        let found: Bool
        switch action {
        case .dismissRoom, .dismissRoomByStrRoomId:
            found = await router.core(for: key).dismiss(key)
        case .removeUser, .removeUserByStrRoomId:
            found = await router.core(for: key).removeUsers(parameters.userIds, from: key)
        }
        guard found else {
            throw RESTFailure(code: "FailedOperation.RoomNotExist", message: "room \(key) does not exist", badInput: .restParameters)
        }
        router.logger.info("REST \(action.rawValue)", metadata: ["room": "\(key)", "secretId": "\(secretId)"])
        return .success
    }

    private func queryValue(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first == Substring(name) { return parts.count == 2 ? RoomServiceParameters.formDecoded(parts[1]) : "" }
        }
        return nil
    }
}

/// The four actions of rest-api.md.
enum RoomServiceAction: String, Sendable {
    case dismissRoom = "DismissRoom"
    case dismissRoomByStrRoomId = "DismissRoomByStrRoomId"
    case removeUser = "RemoveUser"
    case removeUserByStrRoomId = "RemoveUserByStrRoomId"

    /// Whether the action names its room by string id.
    var usesStringRoomId: Bool { self == .dismissRoomByStrRoomId || self == .removeUserByStrRoomId }
    /// Whether the action takes `UserIds`.
    var takesUserIds: Bool { self == .removeUser || self == .removeUserByStrRoomId }
}

/// A refused REST call: Tencent's error code string and a message.
struct RESTFailure: Error {
    var code: String
    var message: String
    var badInput: BadInput
}

/// What a REST call answers.
enum RESTOutcome {
    case success
    case failure(RESTFailure)

    func response(requestId: String) -> Response {
        var inner: [String: Any] = ["RequestId": requestId]
        if case .failure(let failure) = self {
            inner["Error"] = ["Code": failure.code, "Message": failure.message]
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["Response": inner], options: [.sortedKeys])) ?? Data()
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The per-SdkAppId, per-action request limit (rest-api.md: 20 requests/s by default).
final class RESTRateLimiter: Sendable {
    private let windows: NIOLockedValueBox<[String: RateWindow]> = NIOLockedValueBox([:])
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Whether one more request fits the window of this app and action.
    func admit(sdkAppId: UInt32, action: RoomServiceAction) -> Bool {
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        return windows.withLockedValue { windows in
            windows["\(sdkAppId)/\(action.rawValue)", default: RateWindow(limit: limit)].admit(now: now)
        }
    }
}
