import Benchmark
import Foundation
import RTCAudio

/// Opus encode and decode of 20 ms at 48 kHz mono, 50 kbit/s; one APM frame; the jitter buffer's per-packet work.
func registerAudioBenchmarks() {
    let opus = OpusEncoderConfiguration(sampleRate: 48000, channels: 1, frameDuration: .ms20, bitrate: 50_000)

    Benchmark("Opus encode 20 ms 48 kHz mono 50 kbit/s") { benchmark, state in
        blackHole(try state.encoder.encode(UnsafeBufferPointer(state.pcm), into: state.packet))
    } setup: {
        try OpusState(opus)
    }

    Benchmark("Opus decode 20 ms 48 kHz mono 50 kbit/s") { benchmark, state in
        blackHole(try state.decoder.decode(UnsafeBufferPointer(rebasing: state.packet[0..<state.packetLength]), into: state.pcm))
    } setup: {
        try OpusState(opus)
    }

    Benchmark("APM 10 ms 48 kHz mono AEC+NS+AGC+HPF+VAD") { benchmark, state in
        try state.processFrame()
    } setup: {
        try ProcessingState()
    }

    Benchmark("JitterBuffer insert + pull") { benchmark, state in
        blackHole(state.insertAndPull())
    } setup: {
        try JitterState()
    }
}

/// An encoder, a decoder, one frame of a 1 kHz sine and its packet, reused by every iteration.
final class OpusState {
    let encoder: OpusEncoder
    let decoder: OpusDecoder
    let pcm: UnsafeMutableBufferPointer<Int16>
    let packet: UnsafeMutableBufferPointer<UInt8>
    let packetLength: Int

    init(_ configuration: OpusEncoderConfiguration) throws {
        encoder = try OpusEncoder(configuration)
        decoder = try OpusDecoder(sampleRate: configuration.sampleRate, channels: configuration.channels)
        pcm = .allocate(capacity: configuration.frameLength)
        for index in pcm.indices {
            pcm[index] = Int16(8000 * sin(2 * Double.pi * 1000 * Double(index) / Double(configuration.sampleRate)))
        }
        packet = .allocate(capacity: OpusEncoder.maximumPacketSize)
        packetLength = try encoder.encode(UnsafeBufferPointer(pcm), into: packet)
    }

    deinit {
        pcm.deallocate()
        packet.deallocate()
    }
}

/// A processor with every component on and 2 s of far-end and near-end (echo plus a talker) frames.
final class ProcessingState {
    let processor: AudioProcessor
    let far: [Int16]
    let near: [Int16]
    let work: UnsafeMutableBufferPointer<Int16>
    let frameLength: Int
    private var offset = 0

    init() throws {
        let configuration = AudioProcessorConfiguration(
            sampleRate: 48000, channels: 1, echoCancellation: .moderate, noiseSuppression: .high,
            gainControl: GainControlSettings(), voiceDetection: .low, highPassFilter: true)
        processor = try AudioProcessor(configuration)
        try processor.setStreamDelay(milliseconds: 40)
        frameLength = configuration.frameLength
        let count = 200 * frameLength, delay = 48 * 40
        let far = (0..<count).map { index -> Int16 in
            let time = Double(index) / 48000
            return Int16(0.5 * (1 + sin(2 * Double.pi * 3 * time)) * 6000 * sin(2 * Double.pi * 220 * time))
        }
        self.far = far
        near = (0..<count).map { index -> Int16 in
            let time = Double(index) / 48000
            let echo = index >= delay ? 0.316 * Double(far[index - delay]) : 0
            return Int16(echo + 2000 * sin(2 * Double.pi * 330 * time))
        }
        work = .allocate(capacity: frameLength)
    }

    deinit { work.deallocate() }

    /// The next far-end frame through `analyzeFarEnd`, the next near-end frame copied and processed in place.
    func processFrame() throws {
        try far.withUnsafeBufferPointer { far in
            try processor.analyzeFarEnd(UnsafeBufferPointer(rebasing: far[offset..<offset + frameLength]))
        }
        near.withUnsafeBufferPointer { near in
            _ = work.update(fromContentsOf: near[offset..<offset + frameLength])
        }
        try processor.processNearEnd(work)
        offset = (offset + frameLength) % far.count
    }
}

/// A jitter buffer fed one packet per 20 ms and pulled once per 20 ms, reusing one payload array.
final class JitterState {
    private var buffer: JitterBuffer
    private let payload = [UInt8](repeating: 0xab, count: 125)
    private var sequence: UInt16 = 0
    private var timestamp: UInt32 = 0
    private var now = Duration.zero

    init() throws {
        buffer = try JitterBuffer()
    }

    /// Inserts the next packet as it arrives and pulls the frame due at that moment.
    func insertAndPull() -> JitterBufferOutput {
        let packet = JitterBufferPacket(sequenceNumber: sequence, timestamp: timestamp, payload: payload)
        buffer.insert(packet, arrival: now)
        let output = buffer.pull(at: now)
        sequence &+= 1
        timestamp &+= 960
        now += .milliseconds(20)
        return output
    }
}
