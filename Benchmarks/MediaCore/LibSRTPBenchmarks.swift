import Benchmark
import CLibSRTP

/// Reference rows: the same SRTP work as SRTPBenchmarks, calling libsrtp2 directly. Debian's libsrtp2 is
/// built on NSS, which allocates per packet; these rows show that count, which the wrapper must not add to.
func registerLibSRTPBenchmarks() {
    Benchmark("SRTP protect AEAD_AES_128_GCM 160 B, libsrtp2 direct") { benchmark, state in
        let packet = state.packet
        packet.work.baseAddress!.copyMemory(from: packet.plain.baseAddress!, byteCount: packet.plain.count)
        packet.nextSequence()
        var length = Int32(packet.plain.count)
        blackHole(srtp_protect(state.outbound, packet.work.baseAddress!, &length))
    } setup: {
        try LibSRTPState()
    }

    Benchmark("SRTP unprotect AEAD_AES_128_GCM 160 B, libsrtp2 direct") { benchmark, state in
        let packet = state.packet
        packet.work.baseAddress!.copyMemory(from: packet.plain.baseAddress!, byteCount: packet.plain.count)
        packet.nextSequence()
        var length = Int32(packet.plain.count)
        guard srtp_protect(state.outbound, packet.work.baseAddress!, &length) == srtp_err_status_ok else {
            return benchmark.error("srtp_protect failed")
        }
        benchmark.startMeasurement()
        blackHole(srtp_unprotect(state.inbound, packet.work.baseAddress!, &length))
    } setup: {
        try LibSRTPState()
    }
}

/// Two libsrtp sessions keyed as SRTPState's contexts, and the same packet buffers.
final class LibSRTPState {
    let outbound: OpaquePointer
    let inbound: OpaquePointer
    let packet: SRTPPacketBuffers

    struct Failure: Error {
        let status: UInt32
    }

    init() throws {
        let initStatus = srtp_init()
        guard initStatus == srtp_err_status_ok else { throw Failure(status: initStatus.rawValue) }
        var key = SRTPPacketBuffers.masterKey + SRTPPacketBuffers.masterSalt
        func session(_ type: srtp_ssrc_type_t) throws -> OpaquePointer {
            var policy = srtp_policy_t()
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp)
            policy.ssrc.type = type
            policy.window_size = 1024
            var created: srtp_t?
            let status = key.withUnsafeMutableBufferPointer { key in
                policy.key = key.baseAddress
                return srtp_create(&created, &policy)
            }
            guard status == srtp_err_status_ok, let created else { throw Failure(status: status.rawValue) }
            return created
        }
        outbound = try session(ssrc_any_outbound)
        inbound = try session(ssrc_any_inbound)
        packet = SRTPPacketBuffers()
    }

    deinit {
        srtp_dealloc(outbound)
        srtp_dealloc(inbound)
    }
}
