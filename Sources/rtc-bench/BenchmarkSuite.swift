import CNativeLoops
import RTCTransport

/// Every row of the media-core table, in print order.
enum BenchmarkSuite {
    /// The wrapper overhead the design allows over the C loop (targets.md: ≤ 1.05× time).
    static let targetRatio = 1.05
    /// The SRTP rows' RTP payload sizes; each packet is these plus the 12-byte header.
    static let srtpPayloadSizes = [100, 160, 1200]

    /// The rows.
    static func cases() -> [BenchmarkCase] {
        var cases: [BenchmarkCase] = []
        for profile in SRTPProfile.allCases {
            let gcm: Int32 = profile == .aeadAES128GCM ? 1 : 0
            let name = profile == .aeadAES128GCM ? "AEAD_AES_128_GCM" : "AES_CM_128_HMAC_SHA1_80"
            for operation in ["protect", "unprotect"] {
                for payload in srtpPayloadSizes {
                    let length = 12 + payload
                    let label = "SRTP \(operation) \(name), \(payload) B payload"
                    if operation == "protect" {
                        cases.append(BenchmarkCase(
                            operation: label,
                            swift: { try SRTPLoops.protect(profile, packetLength: length, iterations: $0) },
                            native: { cnl_srtp_protect_ns(gcm, Int32(length), $0) }, targetRatio: targetRatio))
                    } else {
                        cases.append(BenchmarkCase(
                            operation: label,
                            swift: { try SRTPLoops.unprotect(profile, packetLength: length, iterations: $0) },
                            native: { cnl_srtp_unprotect_ns(gcm, Int32(length), $0) }, targetRatio: targetRatio))
                    }
                }
            }
        }
        // As a server holds them: the same 160 B protect while thousands of other streams' keys are open.
        let open = SRTPLoops.OpenStreams()
        cases.append(BenchmarkCase(
            operation: "SRTP protect AEAD_AES_128_GCM, 160 B payload, \(SRTPLoops.OpenStreams.count.formatted()) other streams open",
            swift: { iterations in
                try open.ensureOpen()
                return try SRTPLoops.protect(.aeadAES128GCM, packetLength: 172, iterations: iterations)
            },
            native: { iterations in (try? open.ensureOpen()) == nil ? -1 : cnl_srtp_protect_ns(1, 172, iterations) },
            targetRatio: targetRatio))
        let opus = OpusLoops.nativeSettings
        cases.append(BenchmarkCase(
            operation: "Opus encode, 20 ms 48 kHz mono 50 kbit/s",
            swift: { try OpusLoops.encode(iterations: $0) },
            native: { count in withUnsafePointer(to: opus) { cnl_opus_encode_ns($0, count) } },
            targetRatio: targetRatio))
        cases.append(BenchmarkCase(
            operation: "Opus decode, 20 ms 48 kHz mono 50 kbit/s",
            swift: { try OpusLoops.decode(iterations: $0) },
            native: { count in withUnsafePointer(to: opus) { cnl_opus_decode_ns($0, count) } },
            targetRatio: targetRatio))
        let apm = AudioProcessingLoop.nativeSettings
        cases.append(BenchmarkCase(
            operation: "APM 10 ms 48 kHz mono, AEC+NS+AGC+HPF+VAD",
            swift: { try AudioProcessingLoop.process(iterations: $0) },
            native: { count in withUnsafePointer(to: apm) { cnl_apm_process_ns($0, count) } },
            targetRatio: targetRatio))
        cases.append(BenchmarkCase(
            operation: "STUN Binding request parse + verify",
            swift: { try STUNLoops.parseAndVerify(iterations: $0) }, native: nil, targetRatio: nil))
        cases.append(BenchmarkCase(
            operation: "STUN Binding request serialize",
            swift: { try STUNLoops.serialize(iterations: $0) }, native: nil, targetRatio: nil))
        cases.append(BenchmarkCase(
            operation: "RTP header parse (RTPPacketLayout)",
            swift: { try RTPLoops.parse(iterations: $0) }, native: nil, targetRatio: nil))
        cases.append(BenchmarkCase(
            operation: "RTP header serialize",
            swift: { try RTPLoops.serialize(iterations: $0) }, native: nil, targetRatio: nil))
        return cases
    }
}
