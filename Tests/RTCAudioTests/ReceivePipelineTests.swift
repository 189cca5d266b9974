import Foundation
import Testing
import RTCAudio

/// The receive path end to end: Opus with FEC → a lossy, jittery network → JitterBuffer → OpusDecoder.
@Suite struct ReceivePipelineTests {
    @Test func toneSurvivesLossAndJitter() throws {
        let rate = 48000, frame = 960
        let encoder = try OpusEncoder(OpusEncoderConfiguration(bitrate: 32_000, expectedPacketLossPercent: 10))
        let decoder = try OpusDecoder(sampleRate: rate, channels: 1)
        var buffer = try JitterBuffer()
        let input = Signals.sine(frequency: 1000, amplitude: 8000, sampleRate: rate, count: rate * 5)
        let packets = try encodeAll(encoder, input)

        var rng = Signals.SeededGenerator(seed: 21)
        let network: [Double?] = packets.indices.map { _ in
            Double.random(in: 0..<1, using: &rng) < 0.1 ? nil : Double.random(in: 0...40, using: &rng)
        }
        let arrivals = packets.indices.compactMap { n in network[n].map { (time: Double(n) * 20 + $0, n: n) } }
            .sorted { $0.time < $1.time }

        var output: [Int16] = []
        var pcm = [Int16](repeating: 0, count: decoder.maximumSamplesPerChannel)
        var next = 0
        for pull in 0..<(packets.count + 20) {
            let now = 10 + Double(pull) * 20
            while next < arrivals.count, arrivals[next].time <= now {
                let n = arrivals[next].n
                buffer.insert(
                    JitterBufferPacket(sequenceNumber: UInt16(n), timestamp: UInt32(n * frame), payload: packets[n]),
                    arrival: .microseconds(Int64(arrivals[next].time * 1000)))
                next += 1
            }
            let written: Int
            switch buffer.pull(at: .microseconds(Int64(now * 1000))) {
            case .packet(let packet):
                written = try packet.payload.withUnsafeBufferPointer { data in
                    try pcm.withUnsafeMutableBufferPointer { try decoder.decode(data, into: $0) }
                }
            case .recover(let following):
                written = try following.payload.withUnsafeBufferPointer { data in
                    try pcm.withUnsafeMutableBufferPointer { try decoder.recover(from: data, samplesPerChannel: frame, into: $0) }
                }
            case .conceal:
                written = try pcm.withUnsafeMutableBufferPointer { try decoder.conceal(samplesPerChannel: frame, into: $0) }
            case .idle:
                continue
            }
            #expect(written == frame)
            output += pcm[..<written]
        }
        let stats = buffer.statistics
        #expect(stats.recovered > 0)
        #expect(stats.played + stats.lost + stats.discarded >= packets.count - 2)
        let steady = output[rate...]
        let frequency = Signals.dominantFrequency(in: steady, sampleRate: rate, candidates: stride(from: 950.0, through: 1050.0, by: 1.0))
        #expect(abs(frequency - 1000) <= 10)
        let level = Signals.decibels(Signals.rms(steady), over: Signals.rms(input[rate...]))
        #expect(abs(level) <= 2, "level \(level) dB with \(stats)")
    }
}
