import Foundation
import RTCSignaling

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `rtc-server` process on 127.0.0.1 with ports chosen by the kernel (port 0) and a test app.
final class ServerProcess: Sendable {
    static let sdkAppId: UInt32 = 1_400_000_077
    static let secretKey = "client-tests-secret-0123456789"
    static let apiKey = (id: "AKIDclientTests", key: "client-tests-api-key")

    let child: ChildProcess
    let httpPort: Int

    /// The signaling URL.
    var signalingURL: String { "ws://127.0.0.1:\(httpPort)/rtc/v1" }

    /// Starts the server (with `extra` flags, e.g. `--user-timeout 2`) and waits for its `listening` line.
    init(_ extra: [String] = []) async throws {
        child = try ChildProcess(
            executable: try BuiltBinary.path("rtc-server"),
            arguments: ["--host", "127.0.0.1", "--http-port", "0", "--media-port", "0", "--app", "\(Self.sdkAppId):\(Self.secretKey)",
                "--api-key", "\(Self.apiKey.id):\(Self.apiKey.key)"] + extra)
        try await child.waitForOutput(" media=")
        guard let line = child.stdout.split(separator: "\n").first(where: { $0.hasPrefix("listening http=") }),
            let address = line.split(separator: " ").dropFirst().first?.dropFirst("http=".count),
            let port = address.split(separator: ":").last.flatMap({ Int($0) })
        else { throw ProcessFailure(description: "no listening line\n\(child.printed)") }
        httpPort = port
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
