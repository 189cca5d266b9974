import RTCSignaling
import RTCTransport

/// The client side of the media path's set-up on a blocking socket (protocol.md §2): ICE connectivity
/// checks until the ICE-lite server answers (RFC 8445 §7.2.5), then a DTLS client handshake (RFC 6347)
/// that yields the SRTP keys (RFC 5764). Runs on its own thread; gives up after `timeout`.
struct MediaHandshake {
    let socket: UDPSocket
    let server: UDPAddress
    let localICE: ICEParameters
    let serverICE: ICEParameters
    var timeout: Duration = .seconds(15)

    /// Runs ICE then DTLS; returns the negotiated SRTP keys.
    func run(identity: ClientIdentity, serverFingerprint: DTLSFingerprint) throws -> DTLSSRTPKeys {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        try checkConnectivity(until: deadline, clock: clock)
        let endpoint = try DTLSEndpoint(context: identity.context, role: .client, expectedPeerFingerprint: serverFingerprint)
        for datagram in endpoint.start() { try socket.send(datagram, to: server) }
        while clock.now < deadline {
            switch endpoint.state {
            case .connected(let keys): return keys
            case .failed(let error): throw BenchError.systemFailure(step: "DTLS handshake", reason: "\(error)")
            case .closed: throw BenchError.systemFailure(step: "DTLS handshake", reason: "closed by the server")
            case .handshaking: break
            }
            let wait = min(endpoint.nextTimeout ?? .milliseconds(100), .milliseconds(100))
            if let (datagram, _) = try socket.receive(timeout: wait) {
                guard DatagramKind(classifying: datagram) == .dtls else { continue }
                for reply in endpoint.receive(datagram) { try socket.send(reply, to: server) }
            } else {
                for datagram in endpoint.handleTimeout() { try socket.send(datagram, to: server) }
            }
        }
        throw BenchError.systemFailure(step: "DTLS handshake", reason: "not finished within \(timeout)")
    }

    /// Sends Binding requests with USE-CANDIDATE every 100 ms until one is answered with valid integrity.
    private func checkConnectivity(until deadline: ContinuousClock.Instant, clock: ContinuousClock) throws {
        let key = Array(serverICE.pwd.utf8)
        let tieBreaker = UInt64.random(in: 0...UInt64.max)
        while clock.now < deadline {
            let id = try STUNTransactionID.random()
            let request = STUNMessage.bindingRequest(
                transactionID: id, username: "\(serverICE.ufrag):\(localICE.ufrag)", priority: 0x6E00_1EFF,
                role: .controlling(tieBreaker: tieBreaker), useCandidate: true)
            try socket.send(try request.encoded(integrityKey: key, fingerprint: true), to: server)
            let sent = clock.now
            while clock.now - sent < .milliseconds(100) {
                guard let (datagram, _) = try socket.receive(timeout: .milliseconds(100) - (clock.now - sent)) else { break }
                guard DatagramKind(classifying: datagram) == .stun, let answer = try? STUNMessage(decoding: datagram),
                    answer.type == .bindingSuccessResponse, answer.transactionID == id, answer.verifyIntegrity(key: key)
                else { continue }
                return
            }
        }
        throw BenchError.systemFailure(step: "ICE", reason: "no answer to connectivity checks within \(timeout)")
    }
}
