import Logging
import NIOCore
import NIOPosix
import RTCSignaling
import RTCTransport

/// The client's media path (protocol.md §2): one UDP socket to the server's candidate, ICE
/// connectivity checks and consent (STUN), a DTLS client handshake, and SRTP/SRTCP.
/// Its mutable state lives on the channel's event loop.
final class MediaTransport: @unchecked Sendable {  // Mutable members are touched only on `loop`.
    /// A packet that arrived and authenticated.
    enum Incoming: Sendable {
        /// A decrypted RTP packet.
        case rtp([UInt8])
        /// A decrypted RTCP compound packet.
        case rtcp([UInt8])
    }

    let loop: any EventLoop
    private let channel: any Channel
    private let serverAddress: SocketAddress
    private let localICE: ICEParameters
    private let serverICE: ICEParameters
    private let dtls: DTLSEndpoint
    private let logger: Logger
    private let tieBreaker = UInt64.random(in: 0...UInt64.max)
    private var pendingChecks: Set<STUNTransactionID> = []
    private var connectPromise: EventLoopPromise<SRTPProfile>?
    private var dtlsTimer: Scheduled<Void>?
    private var checkTimer: RepeatedTask?
    private var nominated = false
    private(set) var outbound: SRTPContext?
    private(set) var inbound: SRTPContext?
    /// When the last STUN response (consent) arrived, on the loop's clock.
    private(set) var lastConsent: NIODeadline = .now()
    /// The local UDP port.
    var localPort: Int? { channel.localAddress?.port }
    /// Authenticated packets from the server.
    let incoming: AsyncStream<Incoming>
    private let incomingSink: AsyncStream<Incoming>.Continuation

    private init(
        channel: any Channel, serverAddress: SocketAddress, localICE: ICEParameters, serverICE: ICEParameters,
        dtls: DTLSEndpoint, logger: Logger
    ) {
        self.loop = channel.eventLoop
        self.channel = channel
        self.serverAddress = serverAddress
        self.localICE = localICE
        self.serverICE = serverICE
        self.dtls = dtls
        self.logger = logger
        (incoming, incomingSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(512))
    }

    /// Binds a UDP socket for talking to `candidate`.
    static func open(
        group: any EventLoopGroup, candidate: Candidate, localICE: ICEParameters, serverICE: ICEParameters,
        serverFingerprint: DTLSFingerprint, context: DTLSContext, logger: Logger
    ) async throws -> MediaTransport {
        let serverAddress = try SocketAddress(ipAddress: candidate.ip, port: Int(candidate.port))
        let holder = TransportHolder()
        let channel = try await DatagramBootstrap(group: group)
            .channelInitializer { channel in channel.pipeline.addHandler(ClientMediaHandler(holder: holder)) }
            .bind(host: serverAddress.protocol == .inet6 ? "::" : "0.0.0.0", port: 0)
            .get()
        let dtls = try DTLSEndpoint(context: context, role: .client, expectedPeerFingerprint: serverFingerprint)
        let transport = MediaTransport(
            channel: channel, serverAddress: serverAddress, localICE: localICE, serverICE: serverICE, dtls: dtls,
            logger: logger)
        holder.transport = transport
        return transport
    }

    /// Runs ICE checks until one succeeds, then the DTLS handshake; returns the SRTP profile.
    func connect(heartbeat: TimeAmount, timeout: TimeAmount) async throws -> SRTPProfile {
        let promise = loop.makePromise(of: SRTPProfile.self)
        loop.execute {
            self.connectPromise = promise
            self.checkTimer = self.loop.scheduleRepeatedTask(initialDelay: .zero, delay: .milliseconds(50)) { task in
                if self.nominated {
                    task.cancel()
                    self.checkTimer = self.loop.scheduleRepeatedTask(initialDelay: heartbeat, delay: heartbeat) { _ in
                        self.sendCheck()
                    }
                } else {
                    self.sendCheck()
                }
            }
            self.loop.scheduleTask(in: timeout) {
                self.connectPromise?.fail(MediaFailure(reason: self.nominated ? "DTLS handshake did not finish" : "no answer to ICE checks"))
                self.connectPromise = nil
            }
        }
        return try await promise.futureResult.get()
    }

    /// Protects and sends one RTP packet.
    func sendRTP(_ packet: [UInt8]) {
        loop.execute {
            guard let outbound = self.outbound else { return }
            var bytes = packet
            guard (try? outbound.protectRTP(&bytes)) != nil else { return }
            self.write(bytes)
        }
    }

    /// Protects and sends one RTCP compound packet.
    func sendRTCP(_ packet: [UInt8]) {
        loop.execute {
            guard let outbound = self.outbound else { return }
            var bytes = packet
            guard (try? outbound.protectRTCP(&bytes)) != nil else { return }
            self.write(bytes)
        }
    }

    /// Stops the timers and closes the socket; `incoming` ends.
    func close() async {
        let closed = loop.submit { () -> EventLoopFuture<Void> in
            self.checkTimer?.cancel()
            self.dtlsTimer?.cancel()
            self.connectPromise?.fail(MediaFailure(reason: "closed"))
            self.connectPromise = nil
            self.outbound = nil
            self.inbound = nil
            self.incomingSink.finish()
            return self.channel.close()
        }
        _ = try? await closed.flatMap { $0 }.get()
    }

    // MARK: On the loop

    fileprivate func receive(_ envelope: AddressedEnvelope<ByteBuffer>) {
        guard envelope.remoteAddress == serverAddress else { return }
        var buffer = envelope.data
        switch buffer.withUnsafeReadableBytes({ DatagramKind(classifying: $0) }) {
        case .stun:
            guard let message = buffer.withUnsafeReadableBytes({ try? STUNMessage(decoding: $0) }),
                message.type == .bindingSuccessResponse, pendingChecks.remove(message.transactionID) != nil,
                message.verifyIntegrity(key: Array(serverICE.pwd.utf8))
            else { return }
            lastConsent = .now()
            if !nominated {
                nominated = true
                for datagram in dtls.start() { write(datagram) }
                afterDTLS()
            }
        case .dtls:
            let replies = buffer.withUnsafeReadableBytes { dtls.receive($0) }
            for reply in replies { write(reply) }
            afterDTLS()
        case .rtp, .rtcp:
            let isRTCP = buffer.withUnsafeReadableBytes { DatagramKind(classifying: $0) } == .rtcp
            guard let inbound else { return }
            let length = try? buffer.withUnsafeMutableReadableBytes { bytes in
                isRTCP ? try inbound.unprotectRTCP(bytes, length: bytes.count) : try inbound.unprotectRTP(bytes, length: bytes.count)
            }
            guard let length, let bytes = buffer.getBytes(at: buffer.readerIndex, length: length) else { return }
            incomingSink.yield(isRTCP ? .rtcp(bytes) : .rtp(bytes))
        case .unknown:
            return
        }
    }

    private func afterDTLS() {
        dtlsTimer?.cancel()
        if let delay = dtls.nextTimeout {
            let nanoseconds = delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
            dtlsTimer = loop.scheduleTask(in: .nanoseconds(max(1_000_000, nanoseconds))) {
                for datagram in self.dtls.handleTimeout() { self.write(datagram) }
                self.afterDTLS()
            }
        }
        switch dtls.state {
        case .connected(let keys):
            guard outbound == nil else { return }
            do {
                outbound = try keys.makeOutboundContext()
                inbound = try keys.makeInboundContext()
                connectPromise?.succeed(keys.profile)
            } catch {
                connectPromise?.fail(error)
            }
            connectPromise = nil
        case .failed(let error):
            connectPromise?.fail(error)
            connectPromise = nil
        case .handshaking, .closed:
            break
        }
    }

    private func sendCheck() {
        guard let id = try? STUNTransactionID.random() else { return }
        let request = STUNMessage.bindingRequest(
            transactionID: id, username: "\(serverICE.ufrag):\(localICE.ufrag)", priority: 0x6E00_1EFF,
            role: .controlling(tieBreaker: tieBreaker), useCandidate: true)
        guard let bytes = try? request.encoded(integrityKey: Array(serverICE.pwd.utf8), fingerprint: true) else { return }
        if pendingChecks.count > 64 { pendingChecks.removeAll() }
        pendingChecks.insert(id)
        write(bytes)
    }

    private func write(_ bytes: [UInt8]) {
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: serverAddress, data: channel.allocator.buffer(bytes: bytes)), promise: nil)
    }
}

/// The media path could not be set up.
struct MediaFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { "media connection failed: \(reason)" }
}

/// Lets the channel handler reach its transport once it exists.
private final class TransportHolder: @unchecked Sendable {  // Written once before the first read.
    var transport: MediaTransport?
}

/// Hands the socket's datagrams to the transport, on the loop.
private final class ClientMediaHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let holder: TransportHolder

    init(holder: TransportHolder) {
        self.holder = holder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        holder.transport?.receive(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {}
}
