/// One side of a DTLS-SRTP association (RFC 5764) over OpenSSL: datagrams in, datagrams out.
///
/// The caller owns the transport: it sends what `start`, `receive` and `handleTimeout` return,
/// calls `handleTimeout` when `nextTimeout` has elapsed, and reads `state` after each call.
/// Once `state` is `.connected`, its keys create the SRTP contexts. An endpoint has one owner: an
/// OpenSSL `SSL` is not thread-safe, so it is not `Sendable` and takes no lock; keep it on the thread
/// or event loop that owns the leg.
public final class DTLSEndpoint {
    /// Client (`setup:active`) or server (`setup:passive`).
    public let role: DTLSRole
    /// The fingerprint signaled for the peer; any other certificate fails the handshake.
    public let expectedPeerFingerprint: DTLSFingerprint
    /// The association.
    private let connection: DTLSConnection

    /// Creates an endpoint that presents `context`'s certificate and accepts only a peer certificate with
    /// `expectedPeerFingerprint`. A server binds its HelloVerifyRequest cookies to `peerAddress` (e.g. "192.0.2.7:5000").
    public init(
        context: DTLSContext, role: DTLSRole, expectedPeerFingerprint: DTLSFingerprint, peerAddress: String = ""
    ) throws {
        self.role = role
        self.expectedPeerFingerprint = expectedPeerFingerprint
        connection = try DTLSConnection(
            context: context, role: role, expectedPeerFingerprint: expectedPeerFingerprint, peerAddress: peerAddress)
    }

    /// Starts the handshake: returns a client's ClientHello, nothing for a server (it waits for one).
    public func start() -> [[UInt8]] {
        connection.start()
    }

    /// Handles one datagram from the peer and returns the datagrams to send back; invalid ones are dropped.
    public func receive(_ datagram: UnsafeRawBufferPointer) -> [[UInt8]] {
        connection.receive(datagram)
    }

    /// Handles one datagram from the peer and returns the datagrams to send back; invalid ones are dropped.
    public func receive(_ datagram: [UInt8]) -> [[UInt8]] {
        datagram.withUnsafeBytes { receive($0) }
    }

    /// How long until `handleTimeout()` is due, nil while no retransmission is pending (RFC 6347 §4.2.4).
    public var nextTimeout: Duration? {
        connection.nextTimeout
    }

    /// Retransmits the last flight if its timer expired; returns the datagrams to send.
    public func handleTimeout() -> [[UInt8]] {
        connection.handleTimeout()
    }

    /// Handshaking, connected (with SRTP keys), closed by the peer, or failed (with the reason).
    public var state: DTLSState {
        connection.state
    }

    /// The SRTP keys once connected, nil before.
    public var srtpKeys: DTLSSRTPKeys? {
        guard case .connected(let keys) = state else { return nil }
        return keys
    }
}
