import Foundation
import Testing
import RTCAudio

struct OpusFormatCase: Sendable, CustomTestStringConvertible {
    let sampleRate: Int
    let channels: Int
    let frameDuration: OpusFrameDuration
    var testDescription: String { "\(sampleRate) Hz ×\(channels), \(frameDuration.milliseconds) ms" }

    static let all: [OpusFormatCase] = [48000, 16000].flatMap { rate in
        [1, 2].flatMap { channels in
            OpusFrameDuration.allCases.map { OpusFormatCase(sampleRate: rate, channels: channels, frameDuration: $0) }
        }
    }
}

/// Encodes `pcm` frame by frame and returns the packets.
func encodeAll(_ encoder: OpusEncoder, _ pcm: [Int16]) throws -> [[UInt8]] {
    let frame = encoder.configuration.frameLength
    return try stride(from: 0, to: pcm.count - frame + 1, by: frame).map { start in
        try encoder.encode(Array(pcm[start..<start + frame]))
    }
}

@Suite struct OpusCodecTests {
    @Test(arguments: OpusFormatCase.all)
    func sineSurvivesEncodeDecode(_ format: OpusFormatCase) throws {
        let rate = format.sampleRate
        let encoder = try OpusEncoder(
            OpusEncoderConfiguration(
                sampleRate: rate, channels: format.channels, application: .audio,
                frameDuration: format.frameDuration, bitrate: 48_000 * format.channels))
        let decoder = try OpusDecoder(sampleRate: rate, channels: format.channels)
        let perChannel = rate  // one second
        let tones = (0..<format.channels).map { c in
            Signals.sine(frequency: 1000, amplitude: 10000, sampleRate: rate, count: perChannel, phase: Double(c))
        }
        let input = Signals.interleave(tones)
        var output: [Int16] = []
        for packet in try encodeAll(encoder, input) {
            let pcm = try decoder.decode(packet)
            #expect(pcm.count == encoder.configuration.frameLength)
            output += pcm
        }
        let lookahead = encoder.lookahead
        #expect(lookahead == rate * 312 / 48000)
        for c in 0..<format.channels {
            let decoded = Signals.channel(c, of: output, channels: format.channels)
            let aligned = decoded[lookahead...]
            let original = tones[c][..<aligned.count]
            let frequency = Signals.dominantFrequency(
                in: aligned, sampleRate: rate, candidates: stride(from: 950.0, through: 1050.0, by: 1.0))
            #expect(abs(frequency - 1000) <= 10, "dominant frequency \(frequency) Hz")
            let levelDifference = Signals.decibels(Signals.rms(aligned), over: Signals.rms(original))
            #expect(abs(levelDifference) <= 1, "level differs by \(levelDifference) dB")
        }
    }

    /// Loses every 9th packet of speech-like audio and compares, frame by frame against the input
    /// (shifted by the encoder's lookahead), plain concealment with recovery from the next packet's FEC.
    /// Returns the squared errors summed over the lost frames: (concealed, recovered).
    func lossErrors(fec: Bool) throws -> (conceal: Double, recover: Double, signal: Double) {
        let rate = 48000
        let encoder = try OpusEncoder(
            OpusEncoderConfiguration(
                sampleRate: rate, channels: 1, application: .voip, bitrate: 32_000, complexity: 10,
                inbandFEC: fec, expectedPacketLossPercent: 20))
        let input = Signals.speechLike(sampleRate: rate, count: rate * 4)
        let packets = try encodeAll(encoder, input)
        let frame = encoder.configuration.samplesPerChannel
        let lookahead = encoder.lookahead
        let lost = Set(stride(from: 20, to: packets.count - 1, by: 9))

        let concealing = try OpusDecoder(sampleRate: rate, channels: 1)
        let recovering = try OpusDecoder(sampleRate: rate, channels: 1)
        var concealError = 0.0, recoverError = 0.0, signal = 0.0
        for (index, packet) in packets.enumerated() {
            guard lost.contains(index) else {
                _ = try concealing.decode(packet)
                _ = try recovering.decode(packet)
                continue
            }
            let concealed = try concealing.conceal(samplesPerChannel: frame)
            let recovered = try recovering.recover(from: packets[index + 1], samplesPerChannel: frame)
            #expect(concealed.count == frame && recovered.count == frame)
            for n in 0..<frame {
                let original = Double(input[index * frame + n - lookahead])
                concealError += (Double(concealed[n]) - original) * (Double(concealed[n]) - original)
                recoverError += (Double(recovered[n]) - original) * (Double(recovered[n]) - original)
                signal += original * original
            }
        }
        return (concealError, recoverError, signal)
    }

    @Test func fecRecoversALostFrameBetterThanConcealment() throws {
        let withFEC = try lossErrors(fec: true)
        let concealSNR = 10 * log10(withFEC.signal / withFEC.conceal)
        let recoverSNR = 10 * log10(withFEC.signal / withFEC.recover)
        #expect(withFEC.recover < 0.9 * withFEC.conceal, "FEC \(recoverSNR) dB vs PLC \(concealSNR) dB")

        // Control: without FEC data in the next packet, recovery is plain concealment, sample for sample.
        let withoutFEC = try lossErrors(fec: false)
        #expect(withoutFEC.recover == withoutFEC.conceal)
    }

    @Test func dtxSendsAlmostNothingDuringSilence() throws {
        let silence = [Int16](repeating: 0, count: 48000)
        let withDTX = try OpusEncoder(OpusEncoderConfiguration(dtx: true))
        let packets = try encodeAll(withDTX, silence)
        #expect(withDTX.isInDTX)
        #expect(packets.suffix(10).allSatisfy { $0.count <= 2 })

        let withoutDTX = try OpusEncoder(OpusEncoderConfiguration(dtx: false))
        let continuous = try encodeAll(withoutDTX, silence)
        #expect(!withoutDTX.isInDTX)
        #expect(continuous.suffix(10).allSatisfy { $0.count > 2 })
    }

    @Test func bitrateSetsPacketSize() throws {
        let input = Signals.speechLike(sampleRate: 48000, count: 48000 * 2)
        let low = try OpusEncoder(OpusEncoderConfiguration(bitrate: 16_000, inbandFEC: false))
        let high = try OpusEncoder(OpusEncoderConfiguration(bitrate: 16_000, inbandFEC: false))
        try high.setBitrate(64_000)
        #expect(high.configuration.bitrate == 64_000)
        let lowBytes = try encodeAll(low, input).reduce(0) { $0 + $1.count }
        let highBytes = try encodeAll(high, input).reduce(0) { $0 + $1.count }
        // 100 packets of 20 ms: 16 kbit/s ≈ 40 bytes, 64 kbit/s ≈ 160 bytes per packet.
        #expect(Double(lowBytes) / 100 > 20 && Double(lowBytes) / 100 < 60)
        #expect(Double(highBytes) > 2.5 * Double(lowBytes))
    }

    @Test func packetDurationIsReadFromTheTOC() throws {
        let encoder = try OpusEncoder(OpusEncoderConfiguration(frameDuration: .ms40))
        let packet = try encoder.encode([Int16](repeating: 0, count: 1920))
        #expect(try OpusDecoder.samplesPerChannel(of: packet, sampleRate: 48000) == 1920)
        #expect(try OpusDecoder.samplesPerChannel(of: packet, sampleRate: 16000) == 640)
        let decoder = try OpusDecoder(sampleRate: 16000, channels: 1)
        #expect(try decoder.decode(packet).count == 640)
        #expect(decoder.lastPacketDuration == 640)
    }

    @Test func encodeAndDecodeIntoCallerBuffers() throws {
        let encoder = try OpusEncoder(OpusEncoderConfiguration(channels: 2))
        let decoder = try OpusDecoder(sampleRate: 48000, channels: 2)
        let input = Signals.interleave([
            Signals.sine(frequency: 440, amplitude: 5000, sampleRate: 48000, count: 960),
            Signals.sine(frequency: 660, amplitude: 5000, sampleRate: 48000, count: 960),
        ])
        var packet = [UInt8](repeating: 0, count: OpusEncoder.maximumPacketSize)
        var pcm = [Int16](repeating: 0, count: 1920)
        let length = try input.withUnsafeBufferPointer { source in
            try packet.withUnsafeMutableBufferPointer { try encoder.encode(source, into: $0) }
        }
        #expect(length > 2)
        let written = try packet.withUnsafeBufferPointer { data in
            try pcm.withUnsafeMutableBufferPointer { try decoder.decode(UnsafeBufferPointer(rebasing: data[..<length]), into: $0) }
        }
        #expect(written == 960)
        _ = pcm.withUnsafeMutableBufferPointer { out in
            #expect(throws: AudioError.bufferTooSmall(needed: 960, capacity: 100)) {
                try decoder.conceal(samplesPerChannel: 480, into: UnsafeMutableBufferPointer(rebasing: out[..<100]))
            }
        }
    }

    @Test func invalidArgumentsThrow() throws {
        #expect(throws: AudioError.invalidArgument(what: "Opus sample rate", value: 44100)) {
            try OpusEncoder(OpusEncoderConfiguration(sampleRate: 44100))
        }
        #expect(throws: AudioError.invalidArgument(what: "Opus channel count", value: 3)) {
            try OpusEncoder(OpusEncoderConfiguration(channels: 3))
        }
        #expect(throws: AudioError.invalidArgument(what: "Opus bitrate", value: 1000)) {
            try OpusEncoder(OpusEncoderConfiguration(bitrate: 1000))
        }
        #expect(throws: AudioError.invalidArgument(what: "Opus complexity", value: 11)) {
            try OpusEncoder(OpusEncoderConfiguration(complexity: 11))
        }
        #expect(throws: AudioError.invalidArgument(what: "Opus expected packet loss %", value: 101)) {
            try OpusEncoder(OpusEncoderConfiguration(expectedPacketLossPercent: 101))
        }
        #expect(throws: AudioError.invalidArgument(what: "Opus sample rate", value: 0)) {
            try OpusDecoder(sampleRate: 0, channels: 1)
        }
        let encoder = try OpusEncoder(OpusEncoderConfiguration())
        #expect(throws: AudioError.invalidArgument(what: "Opus encoder frame length", value: 959)) {
            try encoder.encode([Int16](repeating: 0, count: 959))
        }
        #expect(throws: AudioError.invalidArgument(what: "Opus bitrate", value: 600_000)) {
            try encoder.setBitrate(600_000)
        }
        #expect(encoder.configuration.bitrate == 50_000)

        let decoder = try OpusDecoder(sampleRate: 48000, channels: 1)
        #expect(throws: AudioError.invalidArgument(what: "Opus packet length", value: 0)) {
            try decoder.decode([])
        }
        // TOC code 3 (an arbitrary number of frames) announcing zero frames: RFC 6716 §3.2.5 forbids it.
        #expect(throws: AudioError.codec(operation: "opus_decode", code: -4)) {
            try decoder.decode([0x03, 0x00])
        }
        #expect(throws: AudioError.invalidArgument(what: "Opus lost frame samples per channel", value: 100)) {
            try decoder.conceal(samplesPerChannel: 100)
        }
        #expect(throws: AudioError.invalidArgument(what: "Opus lost frame samples per channel", value: 5760 + 120)) {
            try decoder.recover(from: [0xFC, 0xFF, 0xFE], samplesPerChannel: 5760 + 120)
        }
    }
}
