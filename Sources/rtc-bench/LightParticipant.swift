import Logging
import NIOCore
import RTCSignaling
import RTCTransport

/// A room member built from the transport's public pieces, light enough to run hundreds in one process:
/// a signaling WebSocket, one UDP socket, an ICE connectivity check (STUN), a DTLS client handshake
/// and the SRTP contexts it yields. A `ProbeStream` sends for it; a `ProbeReceiver` reads its socket.
/// Its SRTP contexts are single-owner: `inbound` is used only by the `ProbeReceiver` thread that reads
/// `socket`, `outbound` only by `enter` (the first report) and then the `ProbeStream` that sends for it, each handed over
/// before that thread starts.
final class LightParticipant: @unchecked Sendable {
    /// The user.
    let userId: String
    /// The media socket, bound on 127.0.0.1.
    let socket: UDPSocket
    /// The server's media candidate.
    let server: UDPAddress
    /// Unprotects what the server forwards.
    let inbound: SRTPContext
    /// Protects what this member sends.
    let outbound: SRTPContext
    /// The SSRC this member publishes with (announced only when it publishes).
    let ssrc: UInt32
    /// The server's heartbeat interval from `join.ok`.
    let heartbeat: Duration
    private let signaling: BenchSignaling

    private init(
        userId: String, socket: UDPSocket, server: UDPAddress, keys: DTLSSRTPKeys, ssrc: UInt32, heartbeat: Duration,
        signaling: BenchSignaling
    ) throws {
        self.userId = userId
        self.socket = socket
        self.server = server
        self.inbound = try keys.makeInboundContext()
        self.outbound = try keys.makeOutboundContext()
        self.ssrc = ssrc
        self.heartbeat = heartbeat
        self.signaling = signaling
    }

    /// Joins room `roomId` as an anchor of an audio call, connects media (ICE, DTLS-SRTP) and, when
    /// `publish` is set, announces one Opus track.
    static func enter(
        userId: String, roomId: UInt32, target: JoinTarget, identity: ClientIdentity, group: any EventLoopGroup,
        publish: Bool, logger: Logger
    ) async throws -> LightParticipant {
        let signaling = try await BenchSignaling.connect(url: target.signalingURL, group: group, logger: logger)
        do {
            let localICE = ICEParameters(ufrag: randomICE(8), pwd: randomICE(24))
            let request = JoinRequest(
                sdkAppId: EmbeddedServer.sdkAppId, userId: userId, userSig: target.userSig(userId), roomId: roomId,
                strRoomId: "", role: .anchor, scene: .audioCall, ice: localICE,
                dtls: DTLSParameters(fingerprint: identity.certificate.fingerprint.description, setup: .active),
                client: ClientInfo(sdk: "rtc-bench", version: "1"))
            guard case .joinOK(let answer) = try await signaling.request(.join(request)) else {
                throw BenchError.systemFailure(step: "join \(userId)", reason: "unexpected answer")
            }
            guard let candidate = answer.server.candidates.first else {
                throw BenchError.systemFailure(step: "join \(userId)", reason: "no media candidate")
            }
            let server = try UDPAddress(host: candidate.ip, port: candidate.port)
            let fingerprint = try DTLSFingerprint(parsing: answer.server.dtls.fingerprint)
            let socket = try UDPSocket(bindingTo: UDPAddress(host: "127.0.0.1", port: 0))
            let keys = try await BenchThread.run(name: "bench-handshake") {
                try MediaHandshake(socket: socket, server: server, localICE: localICE, serverICE: answer.server.ice)
                    .run(identity: identity, serverFingerprint: fingerprint)
            }
            let ssrc = UInt32.random(in: 1...UInt32.max)
            let participant = try LightParticipant(
                userId: userId, socket: socket, server: server, keys: keys, ssrc: ssrc,
                heartbeat: .milliseconds(answer.heartbeatMs), signaling: signaling)
            try participant.sendFirstReport()
            if publish {
                _ = try await signaling.request(.publish(PublishRequest(tracks: [TrackDescription(kind: .audio, ssrc: ssrc, codec: .opus)])))
            }
            return participant
        } catch {
            await signaling.close()
            throw error
        }
    }

    /// Sends the Receiver Report a `TRTCCloud` engine sends in its first second in the room. Like the
    /// engine's, it shows the server that this side's handshake finished, so the server frees its DTLS association.
    private func sendFirstReport() throws {
        var bytes = try CompoundPacket(packets: [.receiverReport(ReceiverReport(ssrc: ssrc, reports: []))]).serialized()
        try outbound.protectRTCP(&bytes)
        try socket.send(bytes, to: server)
    }

    /// A signaling heartbeat (`ping`), which keeps a member that sends no media alive.
    func ping() {
        signaling.send(.ping(Ping(ts: ProcessUsage.now() / 1_000_000)))
    }

    /// Leaves the room (`leave`, answered by `leave.ok`) and closes the WebSocket.
    func leave() async {
        _ = try? await signaling.request(.leave, timeout: .seconds(3))
        await signaling.close()
    }

    /// The stream this member publishes: its SSRC, its outbound context, its socket, to the server.
    func makeStream() -> ProbeStream {
        ProbeStream(ssrc: ssrc, context: outbound, socket: socket, destination: server)
    }

    private static func randomICE(_ count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}

/// The DTLS identity every light participant of a run presents: one certificate, one OpenSSL context.
struct ClientIdentity: Sendable {
    /// The self-signed ECDSA P-256 certificate whose fingerprint each participant signals.
    let certificate: DTLSCertificate
    /// The client-side DTLS context made from it.
    let context: DTLSContext

    /// A fresh certificate and its context.
    static func generate() throws -> ClientIdentity {
        let certificate = try DTLSCertificate.generate(commonName: "rtc-bench")
        return ClientIdentity(certificate: certificate, context: try DTLSContext(certificate: certificate))
    }
}

