import Benchmark
import RTCTransport

/// SRTP with AEAD_AES_128_GCM on a 172-byte RTP packet (160-byte payload), through the buffer API.
///
/// Both must add no allocation to libsrtp2's own (see LibSRTPBenchmarks): their p90 in Thresholds/ is
/// libsrtp2's count, with zero tolerance.
func registerSRTPBenchmarks() {
    Benchmark(
        "SRTP protect AEAD_AES_128_GCM 160 B", configuration: allocationGuardConfiguration()
    ) { benchmark, state in
        let packet = state.packet
        packet.work.baseAddress!.copyMemory(from: packet.plain.baseAddress!, byteCount: packet.plain.count)
        packet.nextSequence()
        blackHole(try state.outbound.protectRTP(packet.work, length: packet.plain.count))
    } setup: {
        try SRTPState()
    }

    Benchmark(
        "SRTP unprotect AEAD_AES_128_GCM 160 B", configuration: allocationGuardConfiguration()
    ) { benchmark, state in
        // A fresh packet each time (the replay window rejects repeats); only the unprotect is measured.
        let packet = state.packet
        packet.work.baseAddress!.copyMemory(from: packet.plain.baseAddress!, byteCount: packet.plain.count)
        packet.nextSequence()
        let protectedLength = try state.outbound.protectRTP(packet.work, length: packet.plain.count)
        benchmark.startMeasurement()
        blackHole(try state.inbound.unprotectRTP(packet.work, length: protectedLength))
    } setup: {
        try SRTPState()
    }
}

/// A context pair keyed alike, and the packet buffers.
final class SRTPState {
    let outbound: SRTPContext
    let inbound: SRTPContext
    let packet = SRTPPacketBuffers()

    init() throws {
        let key = SRTPKeyMaterial(masterKey: SRTPPacketBuffers.masterKey, masterSalt: SRTPPacketBuffers.masterSalt)
        outbound = try SRTPContext(profile: .aeadAES128GCM, direction: .outbound, keyMaterial: key)
        inbound = try SRTPContext(profile: .aeadAES128GCM, direction: .inbound, keyMaterial: key)
    }
}

/// The buffers one packet goes through, reused by every iteration, and the AEAD_AES_128_GCM key.
final class SRTPPacketBuffers {
    /// The 16-byte master key.
    static let masterKey: [UInt8] = (0..<16).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
    /// The 12-byte master salt (RFC 7714 §12).
    static let masterSalt: [UInt8] = (0..<12).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }

    /// The plaintext RTP packet: version 2, payload type 111, SSRC 0x12345678, 160 bytes of payload.
    let plain: UnsafeMutableRawBufferPointer
    /// Where each iteration copies the plaintext and transforms it in place.
    let work: UnsafeMutableRawBufferPointer
    private var sequence: UInt16 = 0

    init() {
        let header: [UInt8] = [0x80, 111, 0, 0, 0, 0, 0x03, 0xc0, 0x12, 0x34, 0x56, 0x78]
        plain = .allocate(byteCount: 12 + 160, alignment: 16)
        plain.copyBytes(from: header + [UInt8](repeating: 0xab, count: 160))
        work = .allocate(byteCount: plain.count + 144, alignment: 16)
    }

    deinit {
        plain.deallocate()
        work.deallocate()
    }

    /// Writes the next sequence number into the work buffer's header.
    func nextSequence() {
        sequence &+= 1
        work[2] = UInt8(truncatingIfNeeded: sequence >> 8)
        work[3] = UInt8(truncatingIfNeeded: sequence)
    }
}
