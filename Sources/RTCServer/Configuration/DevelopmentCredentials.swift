import Foundation

/// A generated app and REST key for a server started without credentials: development only.
public struct DevelopmentCredentials: Sendable {
    /// The generated app.
    public var app: AppCredential
    /// The generated REST credential, allowed to manage the generated app.
    public var apiKey: APICredential

    /// Makes a random app id in TRTC's range and random secrets.
    public static func generate() -> DevelopmentCredentials {
        let appId = UInt32.random(in: 1_400_000_000...1_499_999_999)
        return DevelopmentCredentials(
            app: AppCredential(sdkAppId: appId, secretKey: randomHex(32)),
            apiKey: APICredential(secretId: "AKID" + randomHex(16), secretKey: randomHex(16), sdkAppIds: [appId]))
    }

    /// What `rtc-server` prints on standard output (never to the log) when it made these.
    public var banner: String {
        """
        DEV-ONLY credentials (generated because no --app or --api-key was given; do not use in production):
          --app \(app.sdkAppId):\(app.secretKey)
          --api-key \(apiKey.secretId):\(apiKey.secretKey):\(app.sdkAppId)
        """
    }

    private static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
