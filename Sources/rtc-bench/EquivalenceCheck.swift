import CNativeLoops
import RTCAudio
import RTCTransport

/// Checks, before timing, that the Swift side computes byte for byte what the C loops compute: the same
/// SRTP packets, the same Opus packet and the same processed audio, so the two columns time the same work.
enum EquivalenceCheck {
    /// Frames of processed near-end audio compared.
    static let audioFrames = 100

    /// Throws `BenchError.mismatch` naming the first output that differs; returns what was compared.
    static func run() throws -> String {
        for profile in SRTPProfile.allCases {
            for payload in BenchmarkSuite.srtpPayloadSizes { try compareSRTP(profile, packetLength: 12 + payload) }
        }
        try compareOpus()
        try compareAudioProcessing()
        return "SRTP packets (2 profiles × \(BenchmarkSuite.srtpPayloadSizes.count) sizes), the Opus packet and "
            + "\(audioFrames) processed APM frames are identical in Swift and C"
    }

    private static func compareSRTP(_ profile: SRTPProfile, packetLength: Int) throws {
        let operation = "SRTP protect \(profile.dtlsName), \(packetLength)-byte packet"
        let capacity = packetLength + SRTPContext.maximumTrailerLength
        var native = [UInt8](repeating: 0, count: capacity)
        let nativeLength = native.withUnsafeMutableBufferPointer {
            cnl_srtp_protect_once(profile == .aeadAES128GCM ? 1 : 0, Int32(packetLength), 7, $0.baseAddress)
        }
        guard nativeLength > 0 else { throw BenchError.nativeLoopFailed(operation: operation, code: Double(nativeLength)) }
        let context = try SRTPContext(profile: profile, direction: .outbound, keyMaterial: SRTPLoops.keyMaterial(profile))
        var packet = [UInt8](repeating: 0, count: capacity)
        let length = try packet.withUnsafeMutableBytes { buffer in
            cnl_fill_rtp(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(packetLength), 7)
            return try context.protectRTP(buffer, length: packetLength)
        }
        guard packet[..<length] == native[..<Int(nativeLength)] else {
            throw BenchError.mismatch(operation: operation, detail: "Swift and C protected packets differ")
        }
    }

    private static func compareOpus() throws {
        var native = [UInt8](repeating: 0, count: OpusEncoder.maximumPacketSize)
        let nativeLength = withUnsafePointer(to: OpusLoops.nativeSettings) { settings in
            native.withUnsafeMutableBufferPointer { cnl_opus_encode_once(settings, $0.baseAddress, Int32($0.count)) }
        }
        guard nativeLength > 0 else {
            throw BenchError.nativeLoopFailed(operation: "Opus encode", code: Double(nativeLength))
        }
        let encoder = try OpusEncoder(OpusLoops.configuration)
        let pcm = OpusLoops.sineFrame()
        defer { pcm.deallocate() }
        let packet = try encoder.encode(Array(pcm))
        guard packet[...] == native[..<Int(nativeLength)] else {
            throw BenchError.mismatch(operation: "Opus encode", detail: "Swift and C packets differ (settings?)")
        }
    }

    private static func compareAudioProcessing() throws {
        let configuration = AudioProcessingLoop.configuration
        let frame = configuration.frameLength
        var native = [Int16](repeating: 0, count: frame * audioFrames)
        let status = withUnsafePointer(to: AudioProcessingLoop.nativeSettings) { settings in
            native.withUnsafeMutableBufferPointer { cnl_apm_process_once(settings, Int32(audioFrames), $0.baseAddress) }
        }
        guard status == 0 else { throw BenchError.nativeLoopFailed(operation: "APM", code: Double(status)) }
        let processor = try AudioProcessor(configuration)
        try processor.setStreamDelay(milliseconds: AudioProcessingLoop.streamDelayMilliseconds)
        let frames = Int(CNL_APM_SIGNAL_FRAMES)
        var far = [Int16](repeating: 0, count: frame * frames), near = far
        far.withUnsafeMutableBufferPointer { far in
            near.withUnsafeMutableBufferPointer { near in
                cnl_fill_apm_signals(far.baseAddress, near.baseAddress, Int32(configuration.channels), Int32(configuration.sampleRate))
            }
        }
        for index in 0..<audioFrames {
            let range = (index % frames) * frame..<(index % frames + 1) * frame
            try processor.analyzeFarEnd(Array(far[range]))
            var work = Array(near[range])
            try processor.processNearEnd(&work)
            guard work[...] == native[index * frame..<(index + 1) * frame] else {
                throw BenchError.mismatch(operation: "APM", detail: "processed frame \(index) differs between Swift and C")
            }
        }
    }
}
