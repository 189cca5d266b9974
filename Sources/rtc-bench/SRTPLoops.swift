import CNativeLoops
import RTCTransport

/// The Swift side of the SRTP rows: the same steps as `cnl_srtp_protect_ns` / `cnl_srtp_unprotect_ns`
/// in NativeLoops.c, through `SRTPContext`'s buffer API (same key, same packet, same copies, same buffers).
enum SRTPLoops {
    /// The largest packet the loops handle, as the C loops' stack buffers.
    static let maximumPacketLength = 1500

    /// The C loops' master key and salt, cut to `profile`'s lengths.
    static func keyMaterial(_ profile: SRTPProfile) -> SRTPKeyMaterial {
        let bytes = withUnsafeBytes(of: cnl_srtp_key_and_salt) { Array($0) }
        return SRTPKeyMaterial(
            masterKey: Array(bytes[0..<profile.masterKeyLength]),
            masterSalt: Array(bytes[profile.masterKeyLength..<profile.masterKeyLength + profile.masterSaltLength]))
    }

    /// Lets the Swift side run libsrtp's once-per-process `srtp_init()` before any C loop does: a second
    /// `srtp_init()` fails, which the C loops ignore but `SRTPContext` would report.
    static func initializeLibrary() throws {
        _ = try SRTPContext(profile: .aeadAES128GCM, direction: .outbound, keyMaterial: keyMaterial(.aeadAES128GCM))
    }

    /// Other SRTP streams kept open, as a server with 1,000 members in rooms of five holds them (an outbound
    /// context per member, four forwarded SSRCs each): every stream's keys hold NSS sessions, which NSS
    /// looks through when it opens one per AES-GCM packet (SRTPLibrary). Opened on first use, kept until freed.
    final class OpenStreams {
        /// Streams kept open.
        static let count = 16_000
        private var contexts: [SRTPContext] = []

        /// Opens the streams unless they are open: a context per four streams, each stream made by protecting one packet.
        func ensureOpen() throws {
            guard contexts.isEmpty else { return }
            let packet = UnsafeMutableRawBufferPointer.allocate(
                byteCount: 172 + SRTPContext.maximumTrailerLength, alignment: 16)
            defer { packet.deallocate() }
            for first in stride(from: 0, to: Self.count, by: 4) {
                let context = try SRTPContext(profile: .aeadAES128GCM, direction: .outbound, keyMaterial: keyMaterial(.aeadAES128GCM))
                for ssrc in first..<first + 4 {
                    cnl_fill_rtp(packet.baseAddress!.assumingMemoryBound(to: UInt8.self), 172, 0)
                    packet.storeBytes(of: UInt32(0x1000_0000 + ssrc).bigEndian, toByteOffset: 8, as: UInt32.self)
                    _ = try context.protectRTP(packet, length: 172)
                }
                contexts.append(context)
            }
        }
    }

    /// Per iteration: copy the plaintext packet into the work buffer, set sequence number `i`, protect in place.
    static func protect(_ profile: SRTPProfile, packetLength: Int, iterations: Int) throws -> Double {
        let context = try SRTPContext(profile: profile, direction: .outbound, keyMaterial: keyMaterial(profile))
        let plain = UnsafeMutableRawBufferPointer.allocate(byteCount: maximumPacketLength, alignment: 16)
        let work = UnsafeMutableRawBufferPointer.allocate(
            byteCount: maximumPacketLength + SRTPContext.maximumTrailerLength, alignment: 16)
        defer {
            plain.deallocate()
            work.deallocate()
        }
        cnl_fill_rtp(plain.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(packetLength), 0)
        let source = UnsafeRawPointer(plain.baseAddress!), destination = work.baseAddress!
        return try ThreadCPUClock.perOperation(iterations: iterations) { index in
            destination.copyMemory(from: source, byteCount: packetLength)
            work[2] = UInt8(truncatingIfNeeded: index >> 8)
            work[3] = UInt8(truncatingIfNeeded: index)
            _ = try context.protectRTP(work, length: packetLength)
        }
    }

    /// Untimed: protect `iterations` packets with increasing sequence numbers. Timed, per iteration:
    /// copy packet `i` into the work buffer and unprotect it in place.
    static func unprotect(_ profile: SRTPProfile, packetLength: Int, iterations: Int) throws -> Double {
        let key = keyMaterial(profile)
        let outbound = try SRTPContext(profile: profile, direction: .outbound, keyMaterial: key)
        let inbound = try SRTPContext(profile: profile, direction: .inbound, keyMaterial: key)
        let stride = packetLength + SRTPContext.maximumTrailerLength
        let packets = UnsafeMutableRawBufferPointer.allocate(byteCount: stride * iterations, alignment: 16)
        let lengths = UnsafeMutableBufferPointer<Int>.allocate(capacity: iterations)
        let work = UnsafeMutableRawBufferPointer.allocate(
            byteCount: maximumPacketLength + SRTPContext.maximumTrailerLength, alignment: 16)
        defer {
            packets.deallocate()
            lengths.deallocate()
            work.deallocate()
        }
        for index in 0..<iterations {
            let packet = UnsafeMutableRawBufferPointer(rebasing: packets[index * stride..<(index + 1) * stride])
            cnl_fill_rtp(packet.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(packetLength), UInt16(truncatingIfNeeded: index))
            lengths[index] = try outbound.protectRTP(packet, length: packetLength)
        }
        let source = UnsafeRawPointer(packets.baseAddress!), destination = work.baseAddress!
        var recovered = 0
        let time = try ThreadCPUClock.perOperation(iterations: iterations) { index in
            destination.copyMemory(from: source + index * stride, byteCount: lengths[index])
            recovered &+= try inbound.unprotectRTP(work, length: lengths[index])
        }
        guard recovered == packetLength * iterations else {
            throw BenchError.mismatch(operation: "SRTP unprotect", detail: "recovered \(recovered) bytes")
        }
        return time
    }
}
