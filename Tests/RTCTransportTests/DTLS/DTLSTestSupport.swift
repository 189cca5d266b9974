import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import RTCTransport

/// Runs blocking socket work on a thread of its own, so that Swift's cooperative pool stays free.
///
/// The result crosses through a lock, not the continuation, so ThreadSanitizer sees it handed over.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let outcome = NIOLockedValueBox<Result<T, any Error>?>(nil)
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
        Thread {
            let result = Result { try body() }
            outcome.withLockedValue { $0 = result }
            done.resume()
        }.start()
    }
    return try outcome.withLockedValue { $0! }.get()
}

/// A loopback address, letting the kernel pick the port.
let loopbackAnyPort = try! UDPAddress(host: "127.0.0.1", port: 0)

/// A fresh certificate and a context presenting it.
func makeContext() throws -> DTLSContext {
    try DTLSContext(certificate: DTLSCertificate.generate())
}

/// One DTLS endpoint, its UDP socket, and the address its datagrams go to.
///
/// A server leg may not know its peer until the first datagram arrives; its endpoint is created then,
/// bound to that address, as a room server does.
final class DTLSLeg {
    let socket: UDPSocket
    private(set) var peer: UDPAddress?
    private(set) var endpoint: DTLSEndpoint?
    private let makeEndpoint: (UDPAddress) throws -> DTLSEndpoint

    init(socket: UDPSocket, peer: UDPAddress?, makeEndpoint: @escaping (UDPAddress) throws -> DTLSEndpoint) throws {
        self.socket = socket
        self.makeEndpoint = makeEndpoint
        if let peer {
            self.peer = peer
            endpoint = try makeEndpoint(peer)
        }
    }

    var state: DTLSState? { endpoint?.state }
    var keys: DTLSSRTPKeys? { endpoint?.srtpKeys }

    func send(_ datagrams: [[UInt8]]) throws {
        guard let peer else { return }
        for datagram in datagrams { try socket.send(datagram, to: peer) }
    }

    func deliver(_ datagram: [UInt8], from source: UDPAddress) throws {
        if endpoint == nil {
            peer = source
            endpoint = try makeEndpoint(source)
        }
        try send(endpoint!.receive(datagram))
    }
}

/// Forwards datagrams between two peers through two sockets of its own, dropping a seeded share of them.
final class LossyRelay {
    /// The client sends here; the relay forwards from `serverSide` to the server.
    let clientSide: UDPSocket
    /// The server sends here; the relay forwards from `clientSide` to the client.
    let serverSide: UDPSocket
    var clientAddress: UDPAddress?
    var serverAddress: UDPAddress?
    private var generator: SplitMix64
    private let lossRate: Double
    private(set) var forwarded = 0
    private(set) var dropped = 0

    init(lossRate: Double, seed: UInt64) throws {
        clientSide = try UDPSocket(bindingTo: loopbackAnyPort)
        serverSide = try UDPSocket(bindingTo: loopbackAnyPort)
        self.lossRate = lossRate
        generator = SplitMix64(seed: seed)
    }

    func forward(from socket: UDPSocket) throws {
        guard let (datagram, _) = try socket.receive(timeout: .zero) else { return }
        if Double(generator.next() % 1_000_000) / 1_000_000 < lossRate {
            dropped += 1
            return
        }
        forwarded += 1
        if socket === clientSide, let serverAddress {
            try serverSide.send(datagram, to: serverAddress)
        } else if socket === serverSide, let clientAddress {
            try clientSide.send(datagram, to: clientAddress)
        }
    }
}

/// Drives DTLS legs over real UDP sockets on the calling thread: starts them, delivers datagrams,
/// fires retransmission timers, runs an optional relay and an optional garbage source.
final class DatagramPump {
    let legs: [DTLSLeg]
    let relay: LossyRelay?
    /// Called once per loop turn, e.g. to send garbage.
    var onTurn: () throws -> Void = {}

    init(legs: [DTLSLeg], relay: LossyRelay? = nil) {
        self.legs = legs
        self.relay = relay
    }

    /// Runs until `done` holds or `timeout` passes; returns whether `done` held.
    func run(timeout: Duration, until done: () -> Bool) throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        for leg in legs { try leg.send(leg.endpoint?.start() ?? []) }
        let relaySockets = relay.map { [$0.clientSide, $0.serverSide] } ?? []
        let sockets = legs.map(\.socket) + relaySockets
        while !done() {
            guard ContinuousClock.now < deadline else { return false }
            var wait = Duration.milliseconds(20)
            for leg in legs {
                guard let endpoint = leg.endpoint, let due = endpoint.nextTimeout else { continue }
                if due <= .zero { try leg.send(endpoint.handleTimeout()) } else { wait = min(wait, due) }
            }
            for index in try UDPSocket.readable(sockets, timeout: wait) {
                if index < legs.count {
                    let leg = legs[index]
                    if let (datagram, source) = try leg.socket.receive(timeout: .zero) {
                        try leg.deliver(datagram, from: source)
                    }
                } else {
                    try relay?.forward(from: relaySockets[index - legs.count])
                }
            }
            try onTurn()
        }
        return true
    }
}

/// Whether every leg finished its handshake, or any failed.
func settled(_ legs: [DTLSLeg]) -> Bool {
    legs.allSatisfy { $0.keys != nil } || legs.contains { leg in
        if case .failed = leg.state { return true }
        return false
    }
}

/// A client and a server leg on loopback sockets that know each other's address (or the relay's).
func loopbackPair(
    client clientContext: DTLSContext, server serverContext: DTLSContext,
    expectClient: DTLSFingerprint? = nil, expectServer: DTLSFingerprint? = nil, relay: LossyRelay? = nil
) throws -> (client: DTLSLeg, server: DTLSLeg) {
    let clientSocket = try UDPSocket(bindingTo: loopbackAnyPort)
    let serverSocket = try UDPSocket(bindingTo: loopbackAnyPort)
    relay?.clientAddress = clientSocket.localAddress
    relay?.serverAddress = serverSocket.localAddress
    let client = try DTLSLeg(
        socket: clientSocket, peer: relay?.clientSide.localAddress ?? serverSocket.localAddress
    ) { _ in
        try DTLSEndpoint(
            context: clientContext, role: .client,
            expectedPeerFingerprint: expectServer ?? serverContext.certificate.fingerprint)
    }
    let server = try DTLSLeg(
        socket: serverSocket, peer: relay?.serverSide.localAddress ?? clientSocket.localAddress
    ) { peer in
        try DTLSEndpoint(
            context: serverContext, role: .server,
            expectedPeerFingerprint: expectClient ?? clientContext.certificate.fingerprint, peerAddress: "\(peer)")
    }
    return (client, server)
}

/// An RTP packet (RFC 3550 §5.1) with payload type 111 and a 160-byte payload.
func rtpPacket(sequence: UInt16, ssrc: UInt32) -> [UInt8] {
    SRTPContextTests.rtpPacket(sequence: sequence, ssrc: ssrc)
}

/// Protects `count` RTP packets on one leg, sends them over its socket, and unprotects them on the other.
func exchangeSRTP(from sender: DTLSLeg, to receiver: DTLSLeg, count: Int, ssrc: UInt32) throws -> Int {
    let outbound = try #require(sender.keys).makeOutboundContext()
    let inbound = try #require(receiver.keys).makeInboundContext()
    var matched = 0
    for sequence in 0..<UInt16(count) {
        let plain = rtpPacket(sequence: sequence, ssrc: ssrc)
        var packet = plain
        try outbound.protectRTP(&packet)
        try sender.socket.send(packet, to: receiver.socket.localAddress)
        guard var (received, _) = try receiver.socket.receive(timeout: .seconds(5)) else { continue }
        #expect(received != plain)
        try inbound.unprotectRTP(&received)
        if received == plain { matched += 1 }
    }
    return matched
}

/// The first handshake message type in a datagram of DTLS handshake records (RFC 6347 §4.2.2), if any.
func handshakeType(_ datagram: [UInt8]) -> UInt8? {
    guard datagram.count > 13, datagram[0] == 22 else { return nil }
    return datagram[13]
}

/// An `openssl` command-line process whose output (stdout and stderr) is collected as it arrives.
///
/// Its stdin is a pipe we keep open and never write to, so the tool waits instead of reading end of file.
final class OpenSSLTool {
    private let process = Process()
    private let input = Pipe()
    private let collected = CollectedOutput()

    init(_ arguments: [String]) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let reader = output.fileHandleForReading
        let collected = collected
        Thread {
            while case let data = reader.availableData, !data.isEmpty { collected.append(data) }
        }.start()
    }

    var output: String { collected.text }
    var isRunning: Bool { process.isRunning }

    /// Waits until the output contains `text`, or the process exits, or `timeout` passes.
    func wait(for text: String, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if output.contains(text) { return true }
            if !process.isRunning { return output.contains(text) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// The hex after "Keying material: ", lowercased.
    var keyingMaterial: String? {
        guard let line = output.split(separator: "\n").first(where: { $0.contains("Keying material: ") }) else { return nil }
        return line.components(separatedBy: "Keying material: ").last?.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Ends the process (SIGTERM to its pid only) and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// Runs `openssl` to completion and returns its output (stdout and stderr).
func runOpenSSL(_ arguments: [String]) throws -> String {
    let process = Process()
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Text appended from a reader thread and read from the test's thread.
final class CollectedOutput: Sendable {
    private let buffer = NIOLockedValueBox("")
    func append(_ data: Data) { buffer.withLockedValue { $0 += String(decoding: data, as: UTF8.self) } }
    var text: String { buffer.withLockedValue { $0 } }
}

/// A temporary directory, removed in deinit.
final class TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rtc-dtls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ text: String, to name: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Lowercase hex of bytes.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
