import Foundation
import Logging
import NIOPosix
import RTCSignaling

/// The child process of `--suite load`: N `LightParticipant`s in rooms of five against the parent's
/// server, each publishing 20 ms probes and receiving the other four. Kept out of the server's process
/// so that the server's CPU time and memory are measured alone. Talks to the parent on stdout, one line
/// per event: `joined OK FAILED`, `window-open`, `window-closed`, then `report <JSON>`.
struct LoadGenerator {
    /// Members per room.
    static let roomSize = 5
    /// Joins in flight at once.
    static let joinConcurrency = 8
    /// The environment variable the parent passes the app's secret key in (kept off the command line).
    static let secretVariable = "RTC_BENCH_SECRET_KEY"

    /// The server's signaling URL.
    let signalingURL: String
    /// Participants to run.
    let participants: Int
    /// Length of the measured window.
    let window: Duration

    /// What the child reports.
    struct Report: Codable, Sendable {
        let participants: Int
        let joined: Int
        let joinSeconds: Double
        /// Probes stamped inside the window, every publisher together.
        let sent: Int
        /// Copies expected: each probe stamped inside the window × the other members of its room.
        let expected: Int
        /// Copies that arrived, authenticated and were stamped inside the window.
        let received: Int
        /// Datagrams that failed to authenticate.
        let failures: Int
        /// Sends the kernel refused.
        let sendErrors: Int
        /// Datagrams the participants' own sockets dropped (receive buffer full) during the window.
        let receiverDrops: Int
        /// Send → kernel arrival at the receiver, through the SFU.
        let latency: LatencySummary
        /// The generator's own CPU time per second of the window.
        let generatorCores: Double
    }

    /// Joins, sends and receives, reports, leaves.
    func run() async throws {
        guard let secretKey = ProcessInfo.processInfo.environment[Self.secretVariable] else {
            throw BenchError.systemFailure(step: "load generator", reason: "\(Self.secretVariable) is not set")
        }
        let target = JoinTarget(signalingURL: signalingURL, issuer: UserSigIssuer(sdkAppId: EmbeddedServer.sdkAppId, secretKey: secretKey))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var logger = Logger(label: "rtc-bench.load")
        logger.logLevel = .error
        let identity = try ClientIdentity.generate()
        let joinStart = ProcessUsage.now()
        let members = await join(target: target, identity: identity, group: group, logger: logger)
        let joinSeconds = Double(ProcessUsage.now() - joinStart) / 1e9
        Self.emit("joined \(members.count) \(participants - members.count)")

        var roomSizes: [UInt32: Int] = [:]
        for member in members { roomSizes[member.room, default: 0] += 1 }
        let window = ProbeWindow()
        let receiver = try ProbeReceiver(
            sockets: members.map(\.participant.socket), inbound: members.map(\.participant.inbound), window: window,
            sweepInterval: members.count > 100 ? .milliseconds(2) : .zero)
        let pacer = ProbePacer(streams: members.map { $0.participant.makeStream() }, packetsPerSecond: 50, window: window)
        receiver.start()
        pacer.start()
        try await Task.sleep(for: .seconds(2))
        let ports = Set(members.map { $0.participant.socket.localAddress.port })
        let cpuStart = ProcessUsage.cpuNanoseconds(), wallStart = ProcessUsage.now(), dropsStart = UDPDrops.count(ports: ports)
        window.open()
        Self.emit("window-open")
        try await Task.sleep(for: self.window)
        window.close()
        let cpuEnd = ProcessUsage.cpuNanoseconds(), wallEnd = ProcessUsage.now(), dropsEnd = UDPDrops.count(ports: ports)
        Self.emit("window-closed")
        pacer.stop()
        try await Task.sleep(for: .milliseconds(500))
        receiver.stop()

        let expected = members.indices.reduce(0) { total, index in
            total + pacer.sentInWindow[index] * ((roomSizes[members[index].room] ?? 1) - 1)
        }
        let report = Report(
            participants: participants, joined: members.count, joinSeconds: joinSeconds, sent: pacer.totalInWindow, expected: expected,
            received: receiver.inWindow, failures: receiver.failures, sendErrors: pacer.errors, receiverDrops: dropsEnd - dropsStart,
            latency: LatencySummary(receiver.latencies), generatorCores: Double(cpuEnd - cpuStart) / Double(wallEnd - wallStart))
        await withTaskGroup(of: Void.self) { tasks in
            for member in members { tasks.addTask { await member.participant.leave() } }
        }
        Self.emit("report " + String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        try await group.shutdownGracefully()
    }

    /// A joined participant and its room.
    private struct Member: Sendable {
        let participant: LightParticipant
        let room: UInt32
    }

    /// Joins every participant, `joinConcurrency` at a time; failures are told on stderr and left out.
    private func join(target: JoinTarget, identity: ClientIdentity, group: MultiThreadedEventLoopGroup, logger: Logger) async -> [Member] {
        await withTaskGroup(of: Member?.self) { tasks in
            var members: [Member] = []
            for index in 0..<participants {
                if index >= Self.joinConcurrency, let member = await tasks.next() { member.map { members.append($0) } }
                let room = UInt32(10_000 + index / Self.roomSize)
                tasks.addTask {
                    do {
                        let participant = try await LightParticipant.enter(
                            userId: "load-\(index)", roomId: room, target: target, identity: identity, group: group,
                            publish: true, logger: logger)
                        return Member(participant: participant, room: room)
                    } catch {
                        FileHandle.standardError.write(Data("load-\(index) did not join: \(error)\n".utf8))
                        return nil
                    }
                }
            }
            for await member in tasks { member.map { members.append($0) } }
            return members
        }
    }

    /// Writes one protocol line to stdout at once (stdout to a pipe is otherwise buffered).
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
