import Foundation
import RTCTransport
import Synchronization

/// A UDP relay between clients and the server's media port that drops a share of datagrams each
/// way (seeded): real loss on a real path, for statistics and recovery tests.
final class LossyRelay: Sendable {
    let port: UInt16
    private let socket: UDPSocket
    private let server: UDPAddress
    private let lossPercent: Int
    private let running = Atomic<Bool>(true)

    init(socket: UDPSocket, serverPort: Int, lossPercent: Int) throws {
        self.socket = socket
        port = socket.localAddress.port
        server = try UDPAddress(host: "127.0.0.1", port: UInt16(serverPort))
        self.lossPercent = lossPercent
        Thread.detachNewThread { [self] in run() }
    }

    func stop() {
        running.store(false, ordering: .relaxed)
    }

    private func run() {
        var generator = SplitMix(seed: 42)
        var upstreams: [(client: UDPAddress, socket: UDPSocket)] = []
        while running.load(ordering: .relaxed) {
            let sockets = [socket] + upstreams.map(\.socket)
            guard let ready = try? UDPSocket.readable(sockets, timeout: .milliseconds(100)) else { continue }
            for index in ready {
                guard let (datagram, from) = try? sockets[index].receive(timeout: .zero) else { continue }
                let drop = Int(generator.next() % 100) < lossPercent
                if index == 0 {
                    if !upstreams.contains(where: { $0.client == from }),
                        let upstream = try? UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: 0))
                    {
                        upstreams.append((from, upstream))
                    }
                    if !drop, let upstream = upstreams.first(where: { $0.client == from }) {
                        try? upstream.socket.send(datagram, to: server)
                    }
                } else if !drop {
                    try? socket.send(datagram, to: upstreams[index - 1].client)
                }
            }
        }
    }
}

/// A relay's listening socket, bound before the server starts so that the server can announce its port.
enum LossyRelayPort {
    static func reserve() throws -> UDPSocket {
        try UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: 0))
    }
}

/// A small seeded generator (SplitMix64).
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
