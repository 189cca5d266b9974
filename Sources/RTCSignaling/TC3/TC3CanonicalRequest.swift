import Foundation

/// The request as TC3-HMAC-SHA256 signs it, and the signature computation (rest-api.md, steps 1–3).
struct TC3CanonicalRequest {
    /// The HTTP method, e.g. "POST".
    let method: String
    /// The URI path, "/" for the Cloud API.
    let path: String
    /// The query string as sent (GET), empty for POST.
    let query: String
    /// The signed headers in SignedHeaders order: lowercase names, values as sent.
    let headers: [(name: String, value: String)]
    /// The request body.
    let body: [UInt8]
    /// `X-TC-Timestamp` as sent.
    let timestamp: String
    /// The credential scope's date, `YYYY-MM-DD`.
    let date: String
    /// The credential scope's service, e.g. "trtc".
    let service: String

    /// The SignedHeaders value: the names joined by ";".
    var signedHeaders: String { headers.map(\.name).joined(separator: ";") }

    /// Step 1: method, path, query, `name:value` lines (values trimmed and lowercased), SignedHeaders, body hash.
    var text: String {
        let canonicalHeaders = headers.map { header in
            "\(header.name):\(header.value.trimmingCharacters(in: .whitespaces).lowercased())\n"
        }.joined()
        return [method, path, query, canonicalHeaders, signedHeaders, Hex.encode(SHA256.hash(body))]
            .joined(separator: "\n")
    }

    /// Step 2: algorithm, timestamp, credential scope, hash of the canonical request.
    var stringToSign: String {
        [TC3Signer.algorithm, timestamp, "\(date)/\(service)/tc3_request", Hex.encode(SHA256.hash(Array(text.utf8)))]
            .joined(separator: "\n")
    }

    /// Step 3: the signature under the key derived from `secretKey`, date and service.
    func signature(secretKey: String) -> [UInt8] {
        let dateKey = HMACSHA256.authenticate(date, key: Array("TC3\(secretKey)".utf8))
        let serviceKey = HMACSHA256.authenticate(service, key: dateKey)
        let signingKey = HMACSHA256.authenticate("tc3_request", key: serviceKey)
        return HMACSHA256.authenticate(stringToSign, key: signingKey)
    }

    /// The UTC day of a unix time, `YYYY-MM-DD`, as the credential scope writes it.
    static func utcDate(_ timestamp: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let day = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(timestamp)))
        return String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
    }
}
