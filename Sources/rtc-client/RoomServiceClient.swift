import Foundation
import RTCSignaling

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Calls the room server's room-management REST API (Tencent Cloud API 3.0 wire format) with
/// requests signed by `TC3Signer`, as an app's backend does.
struct RoomServiceClient: Sendable {
    /// `HOST:PORT` of the server's HTTP port.
    let host: String
    /// Signs every request.
    let signer: TC3Signer

    /// A client for the server at `host` using a REST credential.
    init(host: String, secretId: String, secretKey: String) {
        self.host = host
        self.signer = TC3Signer(secretId: secretId, secretKey: secretKey)
    }

    /// Calls `action` (e.g. `RemoveUser`) with its JSON parameters; throws `restCallFailed` with the
    /// server's error code and message when the `Response` carries an `Error`.
    func call(_ action: String, parameters: [String: any Sendable]) async throws {
        let body = try JSONSerialization.data(withJSONObject: parameters)
        guard let url = URL(string: "http://\(host)/") else { throw ClientError.restCallFailed(action: action, detail: "bad host \(host)") }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        let headers = signer.signPOST(action: action, body: body, host: host, timestamp: Int64(Date().timeIntervalSince1970))
        // URLSession writes the Host header itself, from the URL: the same value that was signed.
        for (name, value) in headers where name != "Host" { request.setValue(value, forHTTPHeaderField: name) }
        let (data, _) = try await URLSession.shared.data(for: request)
        let answer = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard let response = answer?["Response"] as? [String: Any] else {
            throw ClientError.restCallFailed(action: action, detail: "unexpected answer: \(String(decoding: data, as: UTF8.self))")
        }
        if let error = response["Error"] as? [String: Any] {
            throw ClientError.restCallFailed(action: action, detail: "\(error["Code"] ?? "?"): \(error["Message"] ?? "")")
        }
    }
}
