import Foundation

/// The verified contents of a UserSig (TLSSigAPIv2, usersig.md).
public struct UserSig: Sendable, Equatable {
    /// The user it admits (`TLS.identifier`).
    public let identifier: String
    /// The app it belongs to (`TLS.sdkappid`).
    public let sdkAppId: UInt32
    /// When it was issued, unix seconds (`TLS.time`).
    public let time: Int64
    /// Its lifetime in seconds (`TLS.expire`).
    public let expire: Int64
    /// Opaque bytes the issuer bound to it (`TLS.userbuf`), if any.
    public let userbuf: Data?

    /// The first second at which it is no longer valid: `time + expire`.
    public var expiresAt: Int64 { time + expire }

    /// The text its HMAC signs: the same for every encoding of this sig (JSON spacing, key order,
    /// compression), so it names the sig itself where its encoded text does not (e.g. to ban it).
    public var signedContent: String {
        UserSigText.content(
            identifier: identifier, sdkAppId: Int64(sdkAppId), time: time, expire: expire,
            userbuf: userbuf?.base64EncodedString())
    }
}
