import Logging
import RTCServer
import RTCSignaling

/// A `RoomServer` started inside rtc-bench on 127.0.0.1 (ports chosen by the kernel) with one app
/// whose secret key is made up for the run.
struct EmbeddedServer: Sendable {
    /// The app every benchmark participant enters with.
    static let sdkAppId: UInt32 = 1_400_000_777
    /// The server.
    let server: RoomServer
    /// Where it listens.
    let addresses: ListeningAddresses
    /// UserSigs for the app.
    let issuer: UserSigIssuer
    /// The app's secret key, made up for the run (the load generator's child process gets it too).
    let secretKey: String

    /// Starts a server with `mediaThreads` media threads (0: one per core); only its errors are logged.
    static func start(mediaThreads: Int = 0) async throws -> EmbeddedServer {
        let secretKey = (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.httpPort = 0
        configuration.mediaPort = 0
        configuration.mediaThreads = mediaThreads
        configuration.apps = [AppCredential(sdkAppId: sdkAppId, secretKey: secretKey)]
        var logger = Logger(label: "rtc-bench.server")
        logger.logLevel = .error
        let server = RoomServer(configuration: configuration, logger: logger)
        let addresses = try await server.start()
        return EmbeddedServer(
            server: server, addresses: addresses, issuer: UserSigIssuer(sdkAppId: sdkAppId, secretKey: secretKey),
            secretKey: secretKey)
    }

    /// What a participant needs to enter: the signaling URL, the app and a UserSig source.
    var target: JoinTarget {
        JoinTarget(signalingURL: addresses.signalingURL, issuer: issuer)
    }

    /// The sum of every series of a counter or gauge in the server's metrics, e.g. `rtc_rtp_forwarded_total`.
    func metric(_ name: String) -> Double {
        var total = 0.0
        for line in server.metricsText().split(separator: "\n") where line.hasPrefix(name) {
            let rest = line.dropFirst(name.count)
            guard rest.first == " " || rest.first == "{", let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { continue }
            total += value
        }
        return total
    }

    /// Stops the server and closes its ports.
    func shutdown() async {
        await server.shutdown()
    }
}

/// Where and as which app benchmark participants enter.
struct JoinTarget: Sendable {
    /// The server's WebSocket signaling URL.
    let signalingURL: String
    /// Makes UserSigs for the app.
    let issuer: UserSigIssuer

    /// A UserSig for `userId`.
    func userSig(_ userId: String) -> String {
        issuer.generate(userId: userId)
    }
}
