import Foundation

/// Everything a room server needs to run: addresses, credentials, timeouts (protocol.md §3).
///
/// The same settings come from `rtc-server` flags or from a JSON configuration file
/// (`--config FILE`); flags override the file.
public struct ServerConfiguration: Sendable, Codable, Equatable {
    /// Bind address for the HTTP/WebSocket port and the media port.
    public var host: String = "127.0.0.1"
    /// TCP port for WebSocket signaling, REST, health and metrics; 0 picks a free one.
    public var httpPort: Int = 7880
    /// UDP port of the first media thread; thread `i` binds `mediaPort + i`. 0 lets the kernel pick each one.
    public var mediaPort: Int = 7882
    /// Event loops media runs on, each with its own UDP port and its own rooms (a room and all its
    /// members live on one); 0 means one per CPU core.
    public var mediaThreads: Int = 0
    /// Address put in `join.ok` candidates; the bind address when nil.
    public var announceIP: String?
    /// Port put in `join.ok` candidates for the first media thread (`announcePort + i` for thread `i`); the
    /// bound media port when nil (set it behind a port-forwarding NAT or relay).
    public var announcePort: Int?
    /// Apps whose UserSigs are accepted.
    public var apps: [AppCredential] = []
    /// REST credentials and the apps each may manage.
    public var apiKeys: [APICredential] = []
    /// Seconds of silence (no signaling, STUN consent or valid SRTP) after which a member is evicted.
    public var userTimeout: Double = 6
    /// User ids never evicted for silence.
    public var allowUsers: [String] = []
    /// REST requests per second allowed per SdkAppId and action.
    public var restRequestsPerSecond: Int = 20
    /// DTLS handshakes that have not finished in this many seconds fail the session.
    public var dtlsHandshakeTimeout: Double = 10

    /// The most media threads accepted.
    public static let maximumMediaThreads = 64

    /// The media threads the server runs: `mediaThreads`, or one per core when it is 0.
    public var resolvedMediaThreads: Int {
        mediaThreads > 0 ? mediaThreads : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The smallest user timeout accepted (protocol.md §3).
    public static let minimumUserTimeout: Double = 2

    /// A configuration with the defaults of protocol.md §3 and no credentials.
    public init() {}

    /// Reads a JSON configuration file; keys absent from the file keep their defaults.
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        self = try JSONDecoder().decode(ServerConfiguration.self, from: data)
    }

    /// The interval at which clients repeat STUN consent and ping: a third of the user timeout, at most 2 s.
    public var heartbeatMilliseconds: Int {
        min(2000, Int(userTimeout * 1000 / 3))
    }

    /// Throws when a setting is out of range, naming the setting.
    public func validate() throws {
        guard userTimeout >= Self.minimumUserTimeout else {
            throw ConfigurationError.invalid(
                setting: "userTimeout", reason: "must be at least \(Int(Self.minimumUserTimeout)) s, got \(userTimeout)")
        }
        for port in [httpPort, mediaPort, announcePort ?? 0] where !(0...65535).contains(port) {
            throw ConfigurationError.invalid(setting: "port", reason: "\(port) is not in 0...65535")
        }
        guard (0...Self.maximumMediaThreads).contains(mediaThreads) else {
            throw ConfigurationError.invalid(
                setting: "mediaThreads", reason: "must be 0 (one per core) to \(Self.maximumMediaThreads), got \(mediaThreads)")
        }
        let lastThread = resolvedMediaThreads - 1
        for (name, port) in [("mediaPort", mediaPort), ("announcePort", announcePort ?? 0)] where port != 0 && port + lastThread > 65535 {
            throw ConfigurationError.invalid(
                setting: name, reason: "\(port) + \(lastThread) (one port per media thread) is past 65535")
        }
        guard restRequestsPerSecond > 0 else {
            throw ConfigurationError.invalid(setting: "restRequestsPerSecond", reason: "must be positive")
        }
        var seen = Set<UInt32>()
        for app in apps {
            guard seen.insert(app.sdkAppId).inserted else {
                throw ConfigurationError.invalid(setting: "apps", reason: "SdkAppId \(app.sdkAppId) listed twice")
            }
            guard !app.secretKey.isEmpty else {
                throw ConfigurationError.invalid(setting: "apps", reason: "SdkAppId \(app.sdkAppId) has an empty secret key")
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case host, httpPort, mediaPort, mediaThreads, announceIP, announcePort, apps, apiKeys, userTimeout, allowUsers
        case restRequestsPerSecond, dtlsHandshakeTimeout
    }

    /// Decodes a configuration in which every key is optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ServerConfiguration()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
        httpPort = try c.decodeIfPresent(Int.self, forKey: .httpPort) ?? d.httpPort
        mediaPort = try c.decodeIfPresent(Int.self, forKey: .mediaPort) ?? d.mediaPort
        mediaThreads = try c.decodeIfPresent(Int.self, forKey: .mediaThreads) ?? d.mediaThreads
        announceIP = try c.decodeIfPresent(String.self, forKey: .announceIP)
        announcePort = try c.decodeIfPresent(Int.self, forKey: .announcePort)
        apps = try c.decodeIfPresent([AppCredential].self, forKey: .apps) ?? []
        apiKeys = try c.decodeIfPresent([APICredential].self, forKey: .apiKeys) ?? []
        userTimeout = try c.decodeIfPresent(Double.self, forKey: .userTimeout) ?? d.userTimeout
        allowUsers = try c.decodeIfPresent([String].self, forKey: .allowUsers) ?? []
        restRequestsPerSecond = try c.decodeIfPresent(Int.self, forKey: .restRequestsPerSecond) ?? d.restRequestsPerSecond
        dtlsHandshakeTimeout = try c.decodeIfPresent(Double.self, forKey: .dtlsHandshakeTimeout) ?? d.dtlsHandshakeTimeout
    }
}

/// An app (SdkAppId) and the secret key its UserSigs are signed with.
public struct AppCredential: Sendable, Codable, Equatable {
    /// The app's id.
    public var sdkAppId: UInt32
    /// The key UserSigs are HMAC'd with; never logged.
    public var secretKey: String

    /// An app credential.
    public init(sdkAppId: UInt32, secretKey: String) {
        self.sdkAppId = sdkAppId
        self.secretKey = secretKey
    }

    /// Parses `SDKAPPID:SECRETKEY` as given to `--app`.
    public init(parsing text: String) throws {
        guard let colon = text.firstIndex(of: ":"), let id = UInt32(text[..<colon]),
            text.index(after: colon) < text.endIndex
        else { throw ConfigurationError.invalid(setting: "--app", reason: "expected SDKAPPID:SECRETKEY") }
        self.init(sdkAppId: id, secretKey: String(text[text.index(after: colon)...]))
    }
}

/// A REST API credential (Tencent Cloud SecretId/SecretKey) and the apps it may manage.
public struct APICredential: Sendable, Codable, Equatable {
    /// The public half, sent in the `Authorization` header.
    public var secretId: String
    /// The signing key; never logged.
    public var secretKey: String
    /// The SdkAppIds this key may manage; nil means all.
    public var sdkAppIds: [UInt32]?

    /// A REST credential.
    public init(secretId: String, secretKey: String, sdkAppIds: [UInt32]? = nil) {
        self.secretId = secretId
        self.secretKey = secretKey
        self.sdkAppIds = sdkAppIds
    }

    /// Parses `SECRETID:SECRETKEY[:SDKAPPID,SDKAPPID…]` as given to `--api-key`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ConfigurationError.invalid(setting: "--api-key", reason: "expected SECRETID:SECRETKEY[:SDKAPPID,…]")
        }
        var apps: [UInt32]?
        if parts.count == 3 {
            let ids = parts[2].split(separator: ",").map { UInt32($0) }
            guard !ids.isEmpty, ids.allSatisfy({ $0 != nil }) else {
                throw ConfigurationError.invalid(setting: "--api-key", reason: "SdkAppIds must be a comma-separated list of numbers")
            }
            apps = ids.compactMap { $0 }
        }
        self.init(secretId: String(parts[0]), secretKey: String(parts[1]), sdkAppIds: apps)
    }

    /// Whether this key may manage the given app.
    public func mayManage(_ sdkAppId: UInt32) -> Bool {
        sdkAppIds.map { $0.contains(sdkAppId) } ?? true
    }
}

/// A configuration that cannot be used, naming the setting at fault.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The setting and why its value is refused.
    case invalid(setting: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .invalid(let setting, let reason): "invalid \(setting): \(reason)"
        }
    }
}
