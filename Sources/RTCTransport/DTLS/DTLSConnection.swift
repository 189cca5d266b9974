import COpenSSL

/// One DTLS association (RFC 6347) run by OpenSSL over memory BIOs: owns the `SSL`, which frees its BIOs.
///
/// Datagrams go in and out as bytes; OpenSSL never touches a socket. Not thread-safe:
/// `DTLSEndpoint` holds it behind a lock, and OpenSSL's callbacks reach it through the `SSL`'s
/// app-data slot while that lock is held.
final class DTLSConnection {
    /// The link MTU handed to OpenSSL; no datagram we emit is larger.
    static let linkMTU = 1200
    /// The first retransmission timeout; it doubles up to `maximumRetransmissionTimeout` (microseconds).
    static let initialRetransmissionTimeout: UInt32 = 100_000
    static let maximumRetransmissionTimeout: UInt32 = 1_000_000

    let context: DTLSContext
    let role: DTLSRole
    let expectedPeerFingerprint: DTLSFingerprint
    /// Bound into HelloVerifyRequest cookies: the peer's address as the caller names it.
    let peerAddress: [UInt8]
    private(set) var state: DTLSState = .handshaking
    /// A peer certificate the verify callback refused, so that the failure can name it.
    private var refusedFingerprint: DTLSFingerprint?
    private let ssl: OpaquePointer
    private let incoming: OpaquePointer
    private let outgoing: OpaquePointer

    init(context: DTLSContext, role: DTLSRole, expectedPeerFingerprint: DTLSFingerprint, peerAddress: String) throws {
        guard let ssl = SSL_new(context.pointer) else { throw OpenSSLErrorQueue.failure("SSL_new") }
        guard let incoming = BIO_new(BIO_s_mem()), let outgoing = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw OpenSSLErrorQueue.failure("BIO_new")
        }
        // An empty read BIO means "no datagram yet" (retry), not end of file.
        _ = copenssl_bio_set_mem_eof_return(incoming, -1)
        SSL_set_bio(ssl, incoming, outgoing)
        self.context = context
        self.role = role
        self.expectedPeerFingerprint = expectedPeerFingerprint
        self.peerAddress = Array(peerAddress.utf8)
        self.ssl = ssl
        self.incoming = incoming
        self.outgoing = outgoing

        guard copenssl_dtls_set_link_mtu(ssl, Self.linkMTU) == 1 else {
            throw OpenSSLErrorQueue.failure("DTLS_set_link_mtu")
        }
        DTLS_set_timer_cb(ssl) { _, previous in
            previous == 0
                ? DTLSConnection.initialRetransmissionTimeout
                : min(previous * 2, DTLSConnection.maximumRetransmissionTimeout)
        }
        switch role {
        case .client: SSL_set_connect_state(ssl)
        case .server: SSL_set_accept_state(ssl)
        }
        SSL_set_ex_data(ssl, 0, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        SSL_free(ssl)
    }

    /// Starts the handshake: a client's first flight (the ClientHello); nothing for a server.
    func start() -> [[UInt8]] {
        advance()
        return takeOutgoing()
    }

    /// Feeds one received datagram to OpenSSL and returns the datagrams to send in answer.
    /// Records that do not parse or authenticate are dropped, as RFC 6347 §4.1.2.7 asks.
    func receive(_ datagram: UnsafeRawBufferPointer) -> [[UInt8]] {
        guard isActive, let bytes = datagram.baseAddress, datagram.count <= Int(Int32.max),
            DTLSDatagramFilter.accepts(datagram)
        else { return [] }
        _ = BIO_ctrl(incoming, BIO_CTRL_RESET, 0, nil)
        guard BIO_write(incoming, bytes, Int32(datagram.count)) == datagram.count else { return [] }
        advance()
        return takeOutgoing()
    }

    /// Time left until OpenSSL wants `handleTimeout()`, nil when no retransmission is pending.
    var nextTimeout: Duration? {
        guard isActive else { return nil }
        var remaining = timeval()
        guard copenssl_dtls_get_timeout(ssl, &remaining) == 1 else { return nil }
        return .seconds(remaining.tv_sec) + .microseconds(remaining.tv_usec)
    }

    /// Retransmits the last flight if its timer expired (RFC 6347 §4.2.4); fails after OpenSSL's retry limit.
    func handleTimeout() -> [[UInt8]] {
        guard isActive else { return [] }
        ERR_clear_error()
        if copenssl_dtls_handle_timeout(ssl) < 0 { fail(code: SSL_ERROR_SSL) }
        return takeOutgoing()
    }

    private var isActive: Bool {
        switch state {
        case .handshaking, .connected: true
        case .closed, .failed: false
        }
    }

    /// Lets OpenSSL process what it has read: handshake progress, then records after the handshake.
    private func advance() {
        ERR_clear_error()
        if case .handshaking = state {
            let result = SSL_do_handshake(ssl)
            guard result == 1 else { return handle(result) }
            finishHandshake()
        }
        guard case .connected = state else { return }
        // Application data is not used: read and discard it, which also lets OpenSSL answer a
        // retransmitted final flight and notice alerts.
        withUnsafeTemporaryAllocation(byteCount: 2048, alignment: 1) { buffer in
            while case let result = SSL_read(ssl, buffer.baseAddress, Int32(buffer.count)) {
                if result <= 0 { return handle(result) }
            }
        }
    }

    /// Classifies a non-success result of `SSL_do_handshake` or `SSL_read`.
    private func handle(_ result: Int32) {
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return
        case SSL_ERROR_ZERO_RETURN:
            guard case .connected = state else { return fail(code: SSL_ERROR_ZERO_RETURN) }
            state = .closed
        case let code:
            fail(code: code)
        }
    }

    private func fail(code: Int32) {
        var errors = OpenSSLErrorQueue.drain()
        if errors.isEmpty { errors = ["SSL_get_error \(code)"] }
        if let refused = refusedFingerprint {
            state = .failed(.dtlsFingerprintMismatch(
                expected: expectedPeerFingerprint.description, actual: refused.description))
        } else if case .connected = state {
            state = .failed(.dtlsConnectionFailed(errors: errors))
        } else {
            state = .failed(.dtlsHandshakeFailed(errors: errors))
        }
    }

    /// Checks the peer's certificate once more, reads the chosen profile and exports the SRTP keys (RFC 5764 §4.2).
    private func finishHandshake() {
        guard let peer = SSL_get1_peer_certificate(ssl) else {
            state = .failed(.dtlsHandshakeFailed(errors: ["the peer presented no certificate"]))
            return
        }
        let certificate = X509Certificate(taking: peer)
        do {
            let fingerprint = try DTLSFingerprint(certificate: certificate.pointer)
            guard fingerprint == expectedPeerFingerprint else {
                refusedFingerprint = fingerprint
                return fail(code: SSL_ERROR_SSL)
            }
        } catch {
            state = .failed(error as? TransportError ?? .dtlsHandshakeFailed(errors: ["\(error)"]))
            return
        }
        guard let selected = SSL_get_selected_srtp_profile(ssl),
            let profile = SRTPProfile(dtlsProfileID: selected.pointee.id)
        else {
            state = .failed(.dtlsNoSRTPProfile(offered: DTLSContext.srtpProfiles))
            return
        }
        let label = "EXTRACTOR-dtls_srtp"
        var material = [UInt8](repeating: 0, count: DTLSSRTPKeys.exportLength(for: profile))
        guard SSL_export_keying_material(ssl, &material, material.count, label, label.utf8.count, nil, 0, 0) == 1 else {
            state = .failed(.dtlsHandshakeFailed(errors: OpenSSLErrorQueue.drain() + ["SSL_export_keying_material failed"]))
            return
        }
        state = .connected(DTLSSRTPKeys(profile: profile, exportedKeyingMaterial: material, role: role))
    }

    /// Everything OpenSSL wrote since the last call, as datagrams no larger than the link MTU.
    private func takeOutgoing() -> [[UInt8]] {
        let pending = Int(BIO_ctrl_pending(outgoing))
        guard pending > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: pending)
        let read = Int(BIO_read(outgoing, &bytes, Int32(pending)))
        return DTLSRecordPacker.datagrams(from: bytes[..<max(read, 0)], maximumSize: Self.linkMTU)
    }

    // MARK: OpenSSL callbacks (they run inside SSL_do_handshake, under the endpoint's lock).

    /// The connection that owns `ssl`, from its app-data slot.
    private static func owning(_ ssl: OpaquePointer?) -> DTLSConnection? {
        guard let ssl, let connection = SSL_get_ex_data(ssl, 0) else { return nil }
        return Unmanaged<DTLSConnection>.fromOpaque(connection).takeUnretainedValue()
    }

    /// Certificate check: self-signed certificates are the norm, so trust comes only from the leaf
    /// certificate's fingerprint matching the one signaled (RFC 5763 §5). Returns 1 to accept.
    static func verifyPeerCertificate(store: OpaquePointer?) -> Int32 {
        guard let store,
            let ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()),
            let connection = owning(OpaquePointer(ssl))
        else { return 0 }
        guard X509_STORE_CTX_get_error_depth(store) == 0 else { return 1 }
        guard let leaf = X509_STORE_CTX_get_current_cert(store),
            let fingerprint = try? DTLSFingerprint(certificate: leaf)
        else { return 0 }
        guard fingerprint == connection.expectedPeerFingerprint else {
            connection.refusedFingerprint = fingerprint
            // Makes OpenSSL send a bad_certificate alert (rather than unknown_ca) before failing.
            X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED)
            return 0
        }
        return 1
    }

    /// Writes the HelloVerifyRequest cookie for this peer (RFC 6347 §4.2.1). Returns 1 on success.
    static func generateCookie(
        ssl: OpaquePointer?, cookie: UnsafeMutablePointer<UInt8>?, length: UnsafeMutablePointer<UInt32>?
    ) -> Int32 {
        guard let connection = owning(ssl), let cookie, let length,
            let value = connection.context.cookieSecret.cookie(for: connection.peerAddress),
            value.count <= Int(DTLS1_COOKIE_LENGTH)
        else { return 0 }
        cookie.update(from: value, count: value.count)
        length.pointee = UInt32(value.count)
        return 1
    }

    /// Checks the cookie a ClientHello echoes. Returns 1 when it is the one issued to this peer.
    static func verifyCookie(ssl: OpaquePointer?, cookie: UnsafePointer<UInt8>?, length: UInt32) -> Int32 {
        guard let connection = owning(ssl), let cookie else { return 0 }
        let received = UnsafeBufferPointer(start: cookie, count: Int(length))
        return connection.context.cookieSecret.verify(received, for: connection.peerAddress) ? 1 : 0
    }
}
