import Logging
import NIOCore
import RTCSignaling

/// The server's cores, one per media thread, and which of them holds each room: a stable hash of the
/// room key, so that every join, resume and REST call for a room reaches the same core without shared
/// state, and a room never splits across threads.
final class RoomRouter: Sendable {
    /// The cores, by media thread.
    let cores: [ServerCore]
    /// The metrics every core counts into.
    let metrics: ServerMetrics

    private init(cores: [ServerCore], metrics: ServerMetrics) {
        self.cores = cores
        self.metrics = metrics
    }

    /// Binds `configuration.resolvedMediaThreads` cores, each on its own loop of `group` (loops are reused
    /// when the group has fewer); when one cannot bind its port, closes the ones already bound and throws
    /// ``ConfigurationError`` naming the thread and the port.
    static func bind(configuration: ServerConfiguration, group: any EventLoopGroup, logger: Logger) async throws -> RoomRouter {
        let shared = (metrics: ServerMetrics(), bans: UserSigBans())
        let loops = Array(group.makeIterator())
        var cores: [ServerCore] = []
        for thread in 0..<configuration.resolvedMediaThreads {
            do {
                cores.append(try await ServerCore.bind(
                    configuration: configuration, thread: thread, shared: shared, loop: loops[thread % loops.count], logger: logger))
            } catch {
                for core in cores { await core.close() }
                let port = configuration.mediaPort == 0 ? 0 : configuration.mediaPort + thread
                throw ConfigurationError.invalid(
                    setting: "mediaPort",
                    reason: "media thread \(thread) of \(configuration.resolvedMediaThreads) could not start on UDP \(configuration.host):\(port): \(error)")
            }
        }
        return RoomRouter(cores: cores, metrics: shared.metrics)
    }

    /// The settings every core runs with.
    var configuration: ServerConfiguration { cores[0].configuration }
    /// The logger of the first core.
    var logger: Logger { cores[0].logger }
    /// The bound media ports, by thread.
    var mediaPorts: [Int] { cores.map(\.mediaPort) }

    /// The core that holds (or will create) the room `key`.
    func core(for key: RoomKey) -> ServerCore {
        cores[Int(Self.hash(key) % UInt64(cores.count))]
    }

    /// Where a signaling message goes: the core the connection joined, else the core of the room a
    /// `join` names, else the first core (which refuses the message as out of order or malformed).
    func core(for text: String, from connection: SignalingConnection) -> ServerCore {
        if let core = connection.core { return core }
        guard cores.count > 1,
            let envelope = try? SignalingCodec.decode(text, as: ClientMessage.self, limit: SignalingLimits.maxMessageSize),
            case .join(let request) = envelope.message, let parameters = try? request.parameters()
        else { return cores[0] }
        return core(for: RoomKey(sdkAppId: parameters.sdkAppId, room: parameters.room))
    }

    /// Refuses joins everywhere and closes every member's signaling, waiting for their answers.
    func beginShutdown() async {
        await withTaskGroup(of: Void.self) { tasks in
            for core in cores { tasks.addTask { await core.beginShutdown() } }
        }
    }

    /// Stops every core and closes the media ports.
    func close() async {
        for core in cores { await core.close() }
    }

    /// FNV-1a over the app id and the room's text: the same on every run and every machine, unlike `Hasher`.
    static func hash(_ key: RoomKey) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in withUnsafeBytes(of: key.sdkAppId.littleEndian, Array.init) + Array(key.room.description.utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
