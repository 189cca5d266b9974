import Foundation
import RTCAudio
import RTCSignaling
import RTCTransport

@testable import RTCEngine

/// Publishes a sine tone as Opus RTP (20 ms frames, PT 111, audio-level extension id 1), and
/// decodes what arrives: the media half of a test client.
enum Tone {
    /// The `publish` message for an Opus track with `ssrc`.
    static func publish(ssrc: UInt32) -> ClientMessage {
        .publish(PublishRequest(tracks: [
            TrackDescription(kind: .audio, ssrc: ssrc, codec: CodecDescription(name: "opus", payloadType: 111, clockRate: 48_000, channels: 2))
        ]))
    }

    /// Encodes `frames` 20 ms frames of a `frequency` Hz sine into RTP packets.
    static func packets(frequency: Double, frames: Int, ssrc: UInt32, firstSequence: UInt16 = 1000) throws -> [[UInt8]] {
        let encoder = try OpusEncoder(OpusEncoderConfiguration())
        var packets: [[UInt8]] = []
        for frame in 0..<frames {
            let pcm = (0..<960).map { i in
                Int16(8000 * sin(2 * Double.pi * frequency * Double(frame * 960 + i) / 48_000))
            }
            var header = RTPHeader(
                payloadType: 111, sequenceNumber: firstSequence &+ UInt16(frame), timestamp: UInt32(frame * 960), ssrc: ssrc)
            header.setAudioLevel(AudioLevel(level: 30, voiceActivity: true))
            packets.append(try header.serialized() + encoder.encode(pcm))
        }
        return packets
    }

    /// Sends packets paced at 20 ms.
    static func send(_ packets: [[UInt8]], over transport: MediaTransport) async throws {
        for packet in packets {
            transport.sendRTP(packet)
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Collects decrypted RTP packets until `count` arrived or `timeout` passed.
    static func receive(_ count: Int, from transport: MediaTransport, timeout: Duration = .seconds(20)) async -> [[UInt8]] {
        await withTaskGroup(of: [[UInt8]].self) { group in
            group.addTask {
                var received: [[UInt8]] = []
                for await packet in transport.incoming {
                    if case .rtp(let bytes) = packet { received.append(bytes) }
                    if received.count >= count { break }
                }
                return received
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return []
            }
            let first = await group.next() ?? []
            group.cancelAll()
            return first
        }
    }

    /// Decodes Opus RTP packets (in sequence order) to 48 kHz mono PCM.
    static func decode(_ packets: [[UInt8]]) throws -> [Int16] {
        let decoder = try OpusDecoder(sampleRate: 48_000, channels: 1)
        let ordered = try packets.map { ($0, try RTPPacketLayout(parsing: $0)) }.sorted { $0.1.sequenceNumber < $1.1.sequenceNumber }
        var pcm: [Int16] = []
        for (bytes, layout) in ordered {
            pcm += try decoder.decode(Array(bytes[layout.payloadRange]))
        }
        return pcm
    }

    /// The dominant frequency of a signal by zero crossings, skipping the codec's start-up.
    static func frequency(of pcm: [Int16], sampleRate: Double = 48_000) -> Double {
        let body = pcm.dropFirst(2400)
        var crossings = 0
        var previous = body.first ?? 0
        for sample in body.dropFirst() {
            if (previous < 0) != (sample < 0) { crossings += 1 }
            previous = sample
        }
        return Double(crossings) / 2 / (Double(body.count) / sampleRate)
    }
}
