import Foundation
import RTCSignaling
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A Tencent Cloud API 3.0 client for the room server's REST port, built from RTCSignaling's
/// `TC3Signer` and Foundation's `URLSession`: signs requests as Tencent's SDKs do, and can
/// send them altered after signing.
struct RESTClient: Sendable {
    /// `127.0.0.1:PORT`, the Host the requests are signed for.
    let host: String
    let signer: TC3Signer
    private let session: URLSession

    init(port: Int, secretId: String, secretKey: String) {
        host = "127.0.0.1:\(port)"
        signer = TC3Signer(secretId: secretId, secretKey: secretKey, region: "ap-guangzhou")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 60
        session = URLSession(configuration: configuration)
    }

    /// Now, in unix seconds, as `X-TC-Timestamp` carries it.
    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// The signed headers of `POST /` calling `action` with the JSON `body`.
    func signedPOST(_ action: String, _ body: String, timestamp: Int64 = now) -> [String: String] {
        signer.signPOST(action: action, body: Data(body.utf8), host: host, timestamp: timestamp)
    }

    /// Calls `action` with the JSON `body`, signed correctly.
    func post(_ action: String, _ body: String, timestamp: Int64 = now) async throws -> RESTReply {
        try await send(method: "POST", headers: signedPOST(action, body, timestamp: timestamp), body: body)
    }

    /// Calls `action` by `GET /?query`, signed correctly.
    func get(_ action: String, query: String, timestamp: Int64 = now) async throws -> RESTReply {
        let headers = signer.signGET(action: action, query: query, host: host, timestamp: timestamp)
        return try await send(method: "GET", query: query, headers: headers, body: "")
    }

    /// Sends exactly these headers and body (nothing is re-signed).
    func send(method: String, query: String = "", headers: [String: String], body: String) async throws -> RESTReply {
        try await send(method: method, query: query, headers: headers, bytes: Data(body.utf8))
    }

    /// Sends exactly these headers and body bytes (nothing is re-signed).
    func send(method: String, query: String = "", headers: [String: String], bytes: Data) async throws -> RESTReply {
        let url = try #require(URL(string: "http://\(host)/" + (query.isEmpty ? "" : "?\(query)")))
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if method != "GET" { request.httpBody = bytes }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return try RESTReply(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"), body: data)
    }

    /// The server's `/metrics` text.
    func metrics() async throws -> String {
        let url = try #require(URL(string: "http://\(host)/metrics"))
        let (data, _) = try await session.data(from: url)
        return String(decoding: data, as: UTF8.self)
    }

    /// The value of `rtc_bad_input_total{kind="<kind>"}` in `/metrics`.
    func badInputCount(_ kind: String) async throws -> Int {
        let prefix = "rtc_bad_input_total{kind=\"\(kind)\"} "
        let text = try await metrics()
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(prefix) }, "no \(prefix) in \(text)")
        return try #require(Double(line.dropFirst(prefix.count)).map { Int($0) })
    }
}

/// What the server answered, checked against the Cloud API 3.0 shape on the way in.
struct RESTReply: Sendable, CustomStringConvertible {
    /// The HTTP status; always 200 for the Cloud API.
    let status: Int
    /// The `Content-Type` header.
    let contentType: String?
    /// `Response.RequestId`.
    let requestId: String?
    /// `Response.Error.Code`, nil on success.
    let errorCode: String?
    /// `Response.Error.Message`, nil on success.
    let errorMessage: String?
    /// Where the body departs from `{"Response":{"RequestId"}}` / `{"Response":{"Error":{"Code","Message"},"RequestId"}}`.
    let shapeProblems: [String]
    /// The body as text.
    let text: String

    init(status: Int, contentType: String?, body: Data) throws {
        self.status = status
        self.contentType = contentType
        text = String(decoding: body, as: UTF8.self)
        var problems: [String] = []
        let top = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        if top.map({ Set($0.keys) }) != ["Response"] { problems.append("the top level is not {\"Response\": …}") }
        let response = top?["Response"] as? [String: Any] ?? [:]
        requestId = response["RequestId"] as? String
        if requestId.flatMap(UUID.init(uuidString:)) == nil { problems.append("RequestId is not a UUID") }
        if let error = response["Error"] {
            let fields = error as? [String: Any] ?? [:]
            errorCode = fields["Code"] as? String
            errorMessage = fields["Message"] as? String
            if Set(response.keys) != ["Error", "RequestId"] { problems.append("Response has keys \(response.keys.sorted())") }
            if Set(fields.keys) != ["Code", "Message"] || errorCode == nil || errorMessage?.isEmpty != false {
                problems.append("Error is not {\"Code\": string, \"Message\": non-empty string}")
            }
        } else {
            errorCode = nil
            errorMessage = nil
            if Set(response.keys) != ["RequestId"] { problems.append("Response has keys \(response.keys.sorted())") }
        }
        shapeProblems = problems
    }

    /// Whether this is HTTP 200, `application/json`, in the Cloud API's shape.
    var isWellFormed: Bool { status == 200 && contentType == "application/json" && shapeProblems.isEmpty }

    var description: String { "HTTP \(status) \(contentType ?? "-") \(text)" }
}
