import Foundation
import Logging
import RTCEngine
import RTCServer
import RTCSignaling

/// The room server an example talks to: one started in this process (the default) or the one
/// named by `--server`, with the app whose UserSigs it accepts and the REST key that manages it.
public final class ExampleServer: Sendable {
    /// The WebSocket signaling URL, e.g. `ws://127.0.0.1:41234/rtc/v1`.
    public let signalingURL: String
    /// The app: its SdkAppId and the key UserSigs are signed with.
    public let app: AppCredential
    /// The REST credential, when known.
    public let apiKey: APICredential?
    /// Seconds of silence after which the server evicts a member.
    public let userTimeout: Double
    /// Users the server never evicts for silence.
    public let allowUsers: [String]
    private let embedded: RoomServer?

    private init(
        signalingURL: String, app: AppCredential, apiKey: APICredential?, userTimeout: Double, allowUsers: [String],
        embedded: RoomServer?
    ) {
        self.signalingURL = signalingURL
        self.app = app
        self.apiKey = apiKey
        self.userTimeout = userTimeout
        self.allowUsers = allowUsers
        self.embedded = embedded
    }

    /// The server `--server` names, else a new one on 127.0.0.1 (ports chosen by the kernel) with a
    /// generated app and API key and the given user timeout and allowlist. Fails clearly when it cannot.
    public static func start(
        _ arguments: ExampleArguments = ExampleArguments(), userTimeout: Double = 6, allowUsers: [String] = []
    ) async -> ExampleServer {
        if let url = arguments.value("--server") {
            guard let appText = arguments.value("--app"), let app = try? AppCredential(parsing: appText) else {
                fail("--server needs --app SDKAPPID:SECRETKEY (the app's key signs the UserSigs)")
            }
            var apiKey: APICredential?
            if let keyText = arguments.value("--api-key") {
                guard let parsed = try? APICredential(parsing: keyText) else {
                    fail("--api-key must be SECRETID:SECRETKEY")
                }
                apiKey = parsed
            }
            let timeout = arguments.value("--user-timeout").map { Double($0) ?? userTimeout } ?? userTimeout
            say("using the room server at \(url) (app \(app.sdkAppId))")
            return ExampleServer(
                signalingURL: url, app: app, apiKey: apiKey, userTimeout: timeout,
                allowUsers: arguments.all("--allow-user"), embedded: nil)
        }
        let credentials = DevelopmentCredentials.generate()
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.httpPort = 0
        configuration.mediaPort = 0
        configuration.apps = [credentials.app]
        configuration.apiKeys = [credentials.apiKey]
        configuration.userTimeout = userTimeout
        configuration.allowUsers = allowUsers
        var logger = Logger(label: "rtc-server")
        logger.logLevel = ProcessInfo.processInfo.environment["RTC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        let server = RoomServer(configuration: configuration, logger: logger)
        let addresses: ListeningAddresses
        do {
            addresses = try await server.start()
        } catch {
            fail("the embedded room server did not start: \(error)")
        }
        say("room server started: signaling \(addresses.signalingURL), media udp \(addresses.media), app \(credentials.app.sdkAppId)")
        return ExampleServer(
            signalingURL: addresses.signalingURL, app: credentials.app, apiKey: credentials.apiKey,
            userTimeout: userTimeout, allowUsers: allowUsers, embedded: server)
    }

    /// A UserSig for `userId`, as the app's backend would issue it.
    public func userSig(for userId: String) -> String {
        UserSigIssuer(sdkAppId: app.sdkAppId, secretKey: app.secretKey).generate(userId: userId)
    }

    /// Parameters to enter the numeric room `roomId` as `userId`.
    public func params(userId: String, roomId: UInt32, role: TRTCRoleType = .anchor) -> TRTCParams {
        TRTCParams(
            sdkAppId: app.sdkAppId, userId: userId, userSig: userSig(for: userId), roomId: roomId, role: role,
            serverURL: signalingURL)
    }

    /// Parameters to enter the string room `strRoomId` as `userId`.
    public func params(userId: String, strRoomId: String, role: TRTCRoleType = .anchor) -> TRTCParams {
        TRTCParams(
            sdkAppId: app.sdkAppId, userId: userId, userSig: userSig(for: userId), strRoomId: strRoomId, role: role,
            serverURL: signalingURL)
    }

    /// The REST endpoint beside the signaling URL: `ws://HOST:PORT/rtc/v1` → `http://HOST:PORT/`.
    public var restEndpoint: URL {
        guard var components = URLComponents(string: signalingURL) else { fail("\(signalingURL) is not a URL") }
        components.scheme = components.scheme == "wss" ? "https" : "http"
        components.path = "/"
        guard let url = components.url else { fail("no REST endpoint for \(signalingURL)") }
        return url
    }

    /// A client of the room-management REST API signed with the API key (fails without one).
    public var roomService: RoomServiceClient {
        guard let apiKey else { fail("this example calls the REST API: give --api-key SECRETID:SECRETKEY with --server") }
        return RoomServiceClient(endpoint: restEndpoint, secretId: apiKey.secretId, secretKey: apiKey.secretKey)
    }

    /// The arguments that point another process at this same server and app.
    public var childArguments: [String] {
        ["--server", signalingURL, "--app", "\(app.sdkAppId):\(app.secretKey)"]
    }

    /// Stops the embedded server (members get a close); nothing for a server given by `--server`.
    public func shutdown() async {
        await embedded?.shutdown()
    }
}
