import ArgumentParser
import Foundation
import RTCServer

/// `rtc-server`: runs the RTCEngine room server (protocol.md §3).
@main
struct RTCServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rtc-server",
        abstract: "The RTCEngine room server: WebSocket signaling, ICE-lite/DTLS-SRTP media, SFU, REST room management.")

    @Option(help: "Bind address for both ports.")
    var host: String?

    @Option(name: .customLong("http-port"), help: "TCP port for signaling, REST, /healthz and /metrics (0 = any free port).")
    var httpPort: Int?

    @Option(name: .customLong("media-port"), help: "UDP port of the first media thread; thread i uses it + i (0 = any free ports).")
    var mediaPort: Int?

    @Option(name: .customLong("media-threads"), help: "Event loops media runs on, each with its own port and rooms (default 0 = one per core).")
    var mediaThreads: Int?

    @Option(name: .customLong("announce-ip"), help: "Address put in candidates (default: the bind address).")
    var announceIP: String?

    @Option(name: .customLong("announce-port"), help: "Port put in candidates for the first media thread, + i for thread i (default: the bound ports).")
    var announcePort: Int?

    @Option(name: .customLong("app"), help: "SDKAPPID:SECRETKEY of an app whose UserSigs are accepted (repeatable).")
    var apps: [String] = []

    @Option(name: .customLong("api-key"), help: "SECRETID:SECRETKEY[:SDKAPPID,…]: a REST credential (repeatable).")
    var apiKeys: [String] = []

    @Option(name: .customLong("user-timeout"), help: "Seconds of silence before a member is evicted (default 6, minimum 2).")
    var userTimeout: Double?

    @Option(name: .customLong("allow-user"), help: "A user id never evicted for silence (repeatable).")
    var allowUsers: [String] = []

    @Option(help: "A JSON file with the same settings; flags override it.")
    var config: String?

    func run() async throws {
        var settings = try config.map { try ServerConfiguration(contentsOf: URL(fileURLWithPath: $0)) } ?? ServerConfiguration()
        if let host { settings.host = host }
        if let httpPort { settings.httpPort = httpPort }
        if let mediaPort { settings.mediaPort = mediaPort }
        if let mediaThreads { settings.mediaThreads = mediaThreads }
        if let announceIP { settings.announceIP = announceIP }
        if let announcePort { settings.announcePort = announcePort }
        if let userTimeout { settings.userTimeout = userTimeout }
        settings.apps += try apps.map(AppCredential.init(parsing:))
        settings.apiKeys += try apiKeys.map(APICredential.init(parsing:))
        settings.allowUsers += allowUsers
        if settings.apps.isEmpty && settings.apiKeys.isEmpty {
            let dev = DevelopmentCredentials.generate()
            settings.apps = [dev.app]
            settings.apiKeys = [dev.apiKey]
            print(dev.banner)
        }
        do {
            try settings.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        let server = RoomServer(configuration: settings)
        try await server.run { http, media in
            print("listening http=\(http) media=\(media)")
            fflush(nil)
        }
    }
}
