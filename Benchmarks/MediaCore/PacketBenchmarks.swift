import Benchmark
import RTCTransport

/// RTP header parsing in place and an ICE connectivity check's STUN parse and verification.
func registerPacketBenchmarks() {
    Benchmark(
        "RTP parse RTPPacketLayout 172 B", configuration: allocationGuardConfiguration(scalingFactor: .kilo)
    ) { (benchmark: Benchmark, packet: UnsafeMutableRawBufferPointer) in
        let bytes = UnsafeRawBufferPointer(packet)
        for index in benchmark.scaledIterations {
            packet[3] = UInt8(truncatingIfNeeded: index)
            blackHole(try RTPPacketLayout(parsing: bytes))
        }
    } setup: {
        var header = RTPHeader(payloadType: 111, sequenceNumber: 0, timestamp: 960, ssrc: 0x1234_5678)
        header.setAudioLevel(AudioLevel(level: 30, voiceActivity: true))
        let bytes = try RTPPacket(header: header, payload: [UInt8](repeating: 0xab, count: 160)).serialized()
        let packet = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        packet.copyBytes(from: bytes)
        return packet
    }

    Benchmark("STUN Binding request parse + verify") { (benchmark: Benchmark, request: (bytes: [UInt8], password: [UInt8])) in
        let message = try STUNMessage(decoding: request.bytes)
        blackHole(message.verifyFingerprint() && message.verifyIntegrity(key: request.password))
    } setup: {
        let password = Array("Bq6PzH1bUgIUomkZHRbvJfWS".utf8)
        let message = STUNMessage.bindingRequest(
            transactionID: try STUNTransactionID.random(), username: "m6xT:pYqV", priority: 0x6e00_1eff,
            role: .controlling(tieBreaker: 0x932f_f9b1_5126_3b36), useCandidate: true)
        return (bytes: try message.encoded(integrityKey: password, fingerprint: true), password: password)
    }
}
