import Foundation
import RTCSignaling
import RTCTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The client tests' server: a real `rtc-server` (RTCTestSupport) with a test app and a REST API key.
extension ServerProcess {
    static let sdkAppId: UInt32 = 1_400_000_077
    static let secretKey = "client-tests-secret-0123456789"
    static let apiKey = (id: "AKIDclientTests", key: "client-tests-api-key")

    /// Starts the server (with `extra` flags, e.g. `--user-timeout 2`) and waits for its `listening` line.
    convenience init(_ extra: [String] = []) async throws {
        try await self.init(
            arguments: ["--app", "\(Self.sdkAppId):\(Self.secretKey)", "--api-key", "\(Self.apiKey.id):\(Self.apiKey.key)"] + extra)
    }

    /// A UserSig of the test app.
    static func userSig(_ userId: String) -> String {
        UserSigIssuer(sdkAppId: sdkAppId, secretKey: secretKey).generate(userId: userId)
    }

    /// Calls a room-management action over the REST API, signed with TC3-HMAC-SHA256; throws when the answer is an error.
    func callRoomService(_ action: String, _ parameters: [String: any Sendable]) async throws {
        let body = try JSONSerialization.data(withJSONObject: parameters)
        let host = "127.0.0.1:\(httpPort)"
        var request = URLRequest(url: URL(string: "http://\(host)/")!)
        request.httpMethod = "POST"
        request.httpBody = body
        let headers = TC3Signer(secretId: Self.apiKey.id, secretKey: Self.apiKey.key)
            .signPOST(action: action, body: body, host: host, timestamp: Int64(Date().timeIntervalSince1970))
        for (name, value) in headers where name != "Host" { request.setValue(value, forHTTPHeaderField: name) }
        let (answer, _) = try await URLSession.shared.data(for: request)
        let text = String(decoding: answer, as: UTF8.self)
        guard !text.contains("\"Error\"") else { throw ProcessFailure(description: "REST \(action) failed: \(text)") }
    }

    /// `rtc-client join` arguments for `userId` in `room` on this server.
    func joinArguments(_ userId: String, room: UInt32, _ extra: [String] = []) -> [String] {
        ["join", "--server", signalingURL, "--app", "\(Self.sdkAppId)", "--secret", Self.secretKey, "--room", "\(room)", "--user", userId] + extra
    }
}
