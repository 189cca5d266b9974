import CSRTP

/// One direction of an SRTP/SRTCP session (RFC 3711, RFC 7714) over libsrtp: protects or unprotects packets in place.
///
/// Every SSRC is accepted (libsrtp's "any inbound" / "any outbound" template); replay protection is on,
/// with a 1024-packet window for SRTP. A context has one owner: libsrtp sessions are not thread-safe,
/// so it is not `Sendable` and takes no lock; keep it on the thread or event loop that owns the leg
/// (the server's core loop, the client's media loop). The buffer methods never allocate: the
/// steady-state packet path needs no heap memory.
public final class SRTPContext {
    /// The most bytes a protect call appends (tag, index, MKI): leave this much room after the packet.
    public static let maximumTrailerLength = Int(SRTP_MAX_TRAILER_LEN)

    /// Zeros appended before protecting an array in place: copied with one memcpy, never allocated per packet.
    private static let trailerRoom = [UInt8](repeating: 0, count: maximumTrailerLength)

    /// The protection profile both sides agreed on.
    public let profile: SRTPProfile
    /// Whether this context protects (outbound) or unprotects (inbound).
    public let direction: SRTPDirection
    /// The libsrtp session (`srtp_t`), owned by this context alone and freed in deinit.
    private let session: OpaquePointer

    /// Creates a context from the master key and salt of one direction (RFC 3711 §8.2).
    public init(profile: SRTPProfile, direction: SRTPDirection, keyMaterial: SRTPKeyMaterial) throws {
        try SRTPLibrary.ensureInitialized()
        guard keyMaterial.masterKey.count == profile.masterKeyLength else {
            throw TransportError.invalidKeyLength(
                what: "SRTP master key", expected: profile.masterKeyLength, actual: keyMaterial.masterKey.count)
        }
        guard keyMaterial.masterSalt.count == profile.masterSaltLength else {
            throw TransportError.invalidKeyLength(
                what: "SRTP master salt", expected: profile.masterSaltLength, actual: keyMaterial.masterSalt.count)
        }
        var policy = srtp_policy_t()
        profile.apply(to: &policy.rtp)
        profile.apply(to: &policy.rtcp)
        policy.ssrc.type = direction == .inbound ? ssrc_any_inbound : ssrc_any_outbound
        policy.window_size = 1024
        var key = keyMaterial.masterKey + keyMaterial.masterSalt
        var created: srtp_t?
        let status = key.withUnsafeMutableBufferPointer { key in
            policy.key = key.baseAddress
            return srtp_create(&created, &policy)
        }
        guard status == srtp_err_status_ok, let created else {
            throw TransportError.srtpFailure(operation: "srtp_create", status: Int(status.rawValue))
        }
        self.profile = profile
        self.direction = direction
        self.session = created
    }

    deinit {
        srtp_dealloc(session)
    }

    /// Encrypts and authenticates the RTP packet in `buffer[0..<length]` in place (RFC 3711 §3.3) and returns
    /// the protected length. `buffer` must hold `length + maximumTrailerLength` bytes. Outbound only.
    public func protectRTP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws -> Int {
        try transform(.protectRTP, buffer, length: length)
    }

    /// Verifies, replay-checks and decrypts the SRTP packet in `buffer[0..<length]` in place and returns the
    /// RTP length. Throws `srtpReplay` or `srtpAuthenticationFailed` for rejected packets. Inbound only.
    public func unprotectRTP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws -> Int {
        try transform(.unprotectRTP, buffer, length: length)
    }

    /// Encrypts and authenticates the RTCP compound packet in `buffer[0..<length]` in place (RFC 3711 §3.4)
    /// and returns the SRTCP length. `buffer` must hold `length + maximumTrailerLength` bytes. Outbound only.
    public func protectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws -> Int {
        try transform(.protectRTCP, buffer, length: length)
    }

    /// Verifies, replay-checks and decrypts the SRTCP packet in `buffer[0..<length]` in place and returns the
    /// RTCP length. Throws `srtpReplay` or `srtpAuthenticationFailed` for rejected packets. Inbound only.
    public func unprotectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws -> Int {
        try transform(.unprotectRTCP, buffer, length: length)
    }

    /// Protects an RTP packet held in an array, growing it by the trailer; reuse the array to avoid allocating.
    public func protectRTP(_ packet: inout [UInt8]) throws {
        try protect(.protectRTP, &packet)
    }

    /// Unprotects an SRTP packet held in an array, shrinking it to the RTP packet.
    public func unprotectRTP(_ packet: inout [UInt8]) throws {
        try unprotect(.unprotectRTP, &packet)
    }

    /// Protects an RTCP compound packet held in an array, growing it by the SRTCP trailer.
    public func protectRTCP(_ packet: inout [UInt8]) throws {
        try protect(.protectRTCP, &packet)
    }

    /// Unprotects an SRTCP packet held in an array, shrinking it to the RTCP compound packet.
    public func unprotectRTCP(_ packet: inout [UInt8]) throws {
        try unprotect(.unprotectRTCP, &packet)
    }

    private func protect(_ operation: Operation, _ packet: inout [UInt8]) throws {
        let length = packet.count
        packet.append(contentsOf: Self.trailerRoom)
        var newLength = length
        defer { packet.removeLast(packet.count - newLength) }
        newLength = try packet.withUnsafeMutableBytes { try transform(operation, $0, length: length) }
    }

    private func unprotect(_ operation: Operation, _ packet: inout [UInt8]) throws {
        let newLength = try packet.withUnsafeMutableBytes { try transform(operation, $0, length: $0.count) }
        packet.removeLast(packet.count - newLength)
    }

    // Inlined into each public method, so that the operation's checks and its libsrtp call are resolved at
    // compile time: rtc-bench measured the dispatch at 2–3 % of a GCM protect, ≈ 1 % once inlined.
    @inline(__always)
    private func transform(_ operation: Operation, _ buffer: UnsafeMutableRawBufferPointer, length: Int) throws -> Int {
        precondition(operation.direction == direction, "\(operation.function) on an \(direction) SRTPContext")
        guard length >= operation.minimumLength else {
            throw TransportError.truncated(
                what: "\(operation.packet) packet", needed: operation.minimumLength, available: length)
        }
        let needed = operation.direction == .outbound ? length + Self.maximumTrailerLength : length
        guard let base = buffer.baseAddress, buffer.count >= needed, needed <= Int(Int32.max) else {
            throw TransportError.bufferTooSmall(needed: needed, capacity: buffer.count)
        }
        var octets = Int32(length)
        let status = operation.call(session, base, &octets)
        switch status {
        case srtp_err_status_ok:
            return Int(octets)
        case srtp_err_status_replay_fail, srtp_err_status_replay_old:
            throw TransportError.srtpReplay(packet: operation.packet)
        case srtp_err_status_auth_fail:
            throw TransportError.srtpAuthenticationFailed(packet: operation.packet)
        default:
            throw TransportError.srtpFailure(operation: operation.function, status: Int(status.rawValue))
        }
    }

    /// The four libsrtp transforms, with what each needs.
    private enum Operation {
        case protectRTP, unprotectRTP, protectRTCP, unprotectRTCP

        var function: String {
            switch self {
            case .protectRTP: "srtp_protect"
            case .unprotectRTP: "srtp_unprotect"
            case .protectRTCP: "srtp_protect_rtcp"
            case .unprotectRTCP: "srtp_unprotect_rtcp"
            }
        }

        var packet: String {
            switch self {
            case .protectRTP, .unprotectRTP: "RTP"
            case .protectRTCP, .unprotectRTCP: "RTCP"
            }
        }

        var direction: SRTPDirection {
            switch self {
            case .protectRTP, .protectRTCP: .outbound
            case .unprotectRTP, .unprotectRTCP: .inbound
            }
        }

        /// The fixed header: 12 bytes for RTP (RFC 3550 §5.1), 8 for RTCP (RFC 3550 §6.4).
        var minimumLength: Int {
            switch self {
            case .protectRTP, .unprotectRTP: 12
            case .protectRTCP, .unprotectRTCP: 8
            }
        }

        @inline(__always)
        func call(_ session: OpaquePointer, _ packet: UnsafeMutableRawPointer, _ octets: inout Int32) -> srtp_err_status_t {
            switch self {
            case .protectRTP: srtp_protect(session, packet, &octets)
            case .unprotectRTP: srtp_unprotect(session, packet, &octets)
            case .protectRTCP: srtp_protect_rtcp(session, packet, &octets)
            case .unprotectRTCP: srtp_unprotect_rtcp(session, packet, &octets)
            }
        }
    }
}
