import RTCTransport

/// DTLS 1.2 handshakes (ECDSA P-256, DTLS-SRTP) over loopback UDP, both sides driven by this thread:
/// a client `DTLSEndpoint` and a server one (with its HelloVerifyRequest cookie exchange) on two
/// sockets, each handshake to the SRTP keys with both fingerprints checked. CPU time of the thread,
/// so the figure is for both sides together: a server doing only its half handshakes faster.
struct DTLSHandshakeBenchmark {
    /// Handshakes to run.
    let handshakes: Int

    static let section = "DTLS handshakes"

    /// Runs the handshakes; returns the table rows.
    func run() throws -> [SystemRow] {
        let server = try Side(commonName: "rtc-bench-server")
        let client = try Side(commonName: "rtc-bench-client")
        _ = try handshake(client: client, server: server)  // OpenSSL's first handshake warms its tables.
        let start = ThreadCPUClock.nanoseconds()
        let wallStart = ProcessUsage.now()
        var rounds = 0
        for _ in 0..<handshakes { rounds += try handshake(client: client, server: server) }
        let cpu = (ThreadCPUClock.nanoseconds() - start) / 1e9
        let wall = Double(ProcessUsage.now() - wallStart) / 1e9
        let perCore = Double(handshakes) / cpu
        return [
            SystemRow(
                Self.section, "DTLS 1.2 handshakes (ECDSA P-256) over loopback UDP, both sides on one thread: per busy core",
                value: "\(ResultTable.fixed(perCore, 0)) /s", target: "≥ 200 /s/core", met: perCore >= 200),
            SystemRow(
                Self.section, "  \(handshakes) handshakes: CPU, wall clock; datagrams per handshake",
                value: "\(ResultTable.fixed(cpu * 1000 / Double(handshakes), 2)) ms, \(ResultTable.fixed(wall * 1000 / Double(handshakes), 2)) ms; "
                    + "\(ResultTable.fixed(Double(rounds) / Double(handshakes), 1))"),
        ]
    }

    /// One side's certificate, context and socket.
    private struct Side {
        let context: DTLSContext
        let socket: UDPSocket

        init(commonName: String) throws {
            context = try DTLSContext(certificate: try DTLSCertificate.generate(commonName: commonName))
            socket = try UDPSocket(bindingTo: try UDPAddress(host: "127.0.0.1", port: 0))
        }
    }

    /// One handshake from ClientHello to both sides connected; returns the datagrams exchanged.
    private func handshake(client: Side, server: Side) throws -> Int {
        let clientEnd = try DTLSEndpoint(
            context: client.context, role: .client, expectedPeerFingerprint: server.context.certificate.fingerprint)
        let serverEnd = try DTLSEndpoint(
            context: server.context, role: .server, expectedPeerFingerprint: client.context.certificate.fingerprint,
            peerAddress: "\(client.socket.localAddress)")
        var datagrams = 0
        for datagram in clientEnd.start() {
            try client.socket.send(datagram, to: server.socket.localAddress)
            datagrams += 1
        }
        while !(Self.connected(clientEnd) && Self.connected(serverEnd)) {
            if case .failed(let error) = clientEnd.state { throw BenchError.systemFailure(step: "DTLS handshake (client)", reason: "\(error)") }
            if case .failed(let error) = serverEnd.state { throw BenchError.systemFailure(step: "DTLS handshake (server)", reason: "\(error)") }
            if let (datagram, _) = try server.socket.receive(timeout: .zero) {
                for reply in serverEnd.receive(datagram) {
                    try server.socket.send(reply, to: client.socket.localAddress)
                    datagrams += 1
                }
            } else if let (datagram, _) = try client.socket.receive(timeout: .zero) {
                for reply in clientEnd.receive(datagram) {
                    try client.socket.send(reply, to: server.socket.localAddress)
                    datagrams += 1
                }
            } else if try UDPSocket.readable([server.socket, client.socket], timeout: .seconds(1)).isEmpty {
                throw BenchError.systemFailure(step: "DTLS handshake", reason: "no datagram in flight for 1 s")
            }
        }
        guard clientEnd.srtpKeys?.local == serverEnd.srtpKeys?.remote, clientEnd.srtpKeys != nil else {
            throw BenchError.mismatch(operation: "DTLS handshake", detail: "the two sides derived different SRTP keys")
        }
        return datagrams
    }

    private static func connected(_ endpoint: DTLSEndpoint) -> Bool {
        if case .connected = endpoint.state { true } else { false }
    }
}
