/// The joining client's software, for the server's logs and metrics.
public struct ClientInfo: Codable, Sendable, Hashable {
    /// The SDK's name (e.g. "RTCEngine").
    public var sdk: String
    /// The SDK's version.
    public var version: String

    /// Client information from a name and a version.
    public init(sdk: String, version: String) {
        self.sdk = sdk
        self.version = version
    }
}
