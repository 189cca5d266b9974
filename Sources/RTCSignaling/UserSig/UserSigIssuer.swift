import Foundation

/// Generates and verifies the UserSigs of one app (TLSSigAPIv2 format, usersig.md), keyed by its secret key.
///
/// Compatible with Tencent's generators: a sig from `TLSSigAPIv2(sdkappid, key).gen_sig(…)` verifies here,
/// and a sig from `generate` carries the same JSON fields Tencent's Python package writes.
public struct UserSigIssuer: Sendable {
    /// The app whose sigs this issuer makes and accepts.
    public let sdkAppId: UInt32
    private let key: [UInt8]

    /// TLSSigAPIv2's default lifetime: 180 days.
    public static let defaultExpire: Int64 = 180 * 86_400
    /// The longest sig text accepted, checked before any decoding.
    public static let maxSigLength = 32 * 1024
    /// The most a sig may inflate to; larger streams are rejected as zlib bombs.
    public static let maxInflatedBytes = 16 * 1024

    /// An issuer for `sdkAppId` with its secret key (used as UTF-8 bytes, as Tencent's generators do).
    public init(sdkAppId: UInt32, secretKey: String) {
        self.sdkAppId = sdkAppId
        self.key = Array(secretKey.utf8)
    }

    /// A UserSig admitting `userId` for `expire` seconds from `now` (unix seconds), with optional `userbuf`.
    public func generate(
        userId: String, expire: Int64 = defaultExpire, userbuf: Data? = nil,
        now: Int64 = Int64(Date().timeIntervalSince1970)
    ) -> String {
        let userbufText = userbuf?.base64EncodedString()
        let content = UserSigText.content(
            identifier: userId, sdkAppId: Int64(sdkAppId), time: now, expire: expire, userbuf: userbufText)
        let sig = Data(HMACSHA256.authenticate(content, key: key)).base64EncodedString()
        // The field order and separators of Python's json.dumps, so the JSON matches Tencent's generator.
        var json = #"{"TLS.ver": "2.0", "TLS.identifier": \#(Self.jsonString(userId)), "#
        json += #""TLS.sdkappid": \#(sdkAppId), "TLS.expire": \#(expire), "TLS.time": \#(now), "#
        if let userbufText { json += #""TLS.userbuf": "\#(userbufText)", "# }
        json += #""TLS.sig": "\#(sig)"}"#
        return UserSigText.encodeBase64(Zlib.compress(Array(json.utf8)))
    }

    /// Verifies `userSig` for `userId` at `now` (unix seconds) and returns its contents; throws
    /// `userSigRejected` naming the first failed check: encoding, size, zlib, JSON, user, app, HMAC, expiry.
    public func verify(_ userSig: String, userId: String, now: Int64 = Int64(Date().timeIntervalSince1970))
        throws(SignalingError) -> UserSig
    {
        let document = try Self.open(userSig)
        guard document.version == "2.0" else { throw .userSigRejected(.unsupportedVersion(document.version)) }
        guard document.identifier == userId else {
            throw .userSigRejected(.identifierMismatch(expected: userId, found: document.identifier))
        }
        guard document.sdkAppId == Int64(sdkAppId) else {
            throw .userSigRejected(.sdkAppIdMismatch(expected: sdkAppId, found: document.sdkAppId))
        }
        let content = UserSigText.content(
            identifier: document.identifier, sdkAppId: document.sdkAppId, time: document.time,
            expire: document.expire, userbuf: document.userbuf)
        let expected = HMACSHA256.authenticate(content, key: key)
        guard let presented = Data(base64Encoded: document.sig).map({ [UInt8]($0) }),
            ConstantTime.equal(presented, expected)
        else { throw .userSigRejected(.signatureMismatch) }
        let (expiresAt, overflow) = document.time.addingReportingOverflow(document.expire)
        guard !overflow else { throw .userSigRejected(.badJSON(reason: "TLS.time + TLS.expire overflows")) }
        guard expiresAt > now else { throw .userSigRejected(.expired(expiredAt: expiresAt, now: now)) }
        var userbuf: Data?
        if let text = document.userbuf {
            guard let bytes = Data(base64Encoded: text) else {
                throw .userSigRejected(.badJSON(reason: "TLS.userbuf is not base64"))
            }
            userbuf = bytes
        }
        return UserSig(
            identifier: document.identifier, sdkAppId: sdkAppId, time: document.time, expire: document.expire,
            userbuf: userbuf)
    }

    /// Decodes, inflates (bounded) and parses a sig, unverified.
    static func open(_ userSig: String) throws(SignalingError) -> UserSigDocument {
        guard !userSig.isEmpty else { throw .userSigRejected(.empty) }
        let length = userSig.utf8.count
        guard length <= maxSigLength else { throw .userSigRejected(.tooLong(length: length, limit: maxSigLength)) }
        guard let compressed = UserSigText.decodeBase64(userSig) else { throw .userSigRejected(.notBase64) }
        let json: [UInt8]
        do {
            json = try Zlib.inflate(compressed, limit: maxInflatedBytes)
        } catch .tooLarge {
            throw .userSigRejected(.inflatesTooLarge(limit: maxInflatedBytes))
        } catch {
            throw .userSigRejected(.notZlib)
        }
        do {
            return try JSONDecoder().decode(UserSigDocument.self, from: Data(json))
        } catch let error as DecodingError {
            throw .userSigRejected(.badJSON(reason: SignalingCodec.describe(error)))
        } catch {
            throw .userSigRejected(.badJSON(reason: "\(error)"))
        }
    }

    /// `text` as a JSON string literal.
    private static func jsonString(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Encoding a String cannot fail: JSONEncoder throws only for non-finite floating-point values.
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}

/// The JSON object inside a UserSig.
struct UserSigDocument: Decodable {
    let version: String
    let identifier: String
    let sdkAppId: Int64
    let expire: Int64
    let time: Int64
    let userbuf: String?
    let sig: String

    private enum CodingKeys: String, CodingKey {
        case version = "TLS.ver"
        case identifier = "TLS.identifier"
        case sdkAppId = "TLS.sdkappid"
        case expire = "TLS.expire"
        case time = "TLS.time"
        case userbuf = "TLS.userbuf"
        case sig = "TLS.sig"
    }
}
