import Foundation
import RTCAudio
import RTCTransport

/// One remote user's audio: its jitter buffer, decoder, per-user volume and level, and the
/// figures `onStatistics` reports. Inserted into by the network side, pulled by the playout
/// thread; the playout pipeline's lock guards it.
final class RemoteAudioStream {
    let userId: String
    let ssrc: UInt32
    private var jitterBuffer: JitterBuffer
    private let decoder: OpusDecoder
    /// Decoded samples not yet played (48 kHz mono).
    private var decoded: [Int16] = []
    /// RTCP reception statistics (RFC 3550 A.1/A.3/A.8).
    var reception = RTPReceiveStatistics(clockRate: 48_000)
    /// Level since the last volume report.
    var level = LevelMeter()
    /// Whether a frame has been played (for `onFirstAudioFrame`).
    var playedFirst = false
    /// 10 ms blocks concealed since the stream started, and in the current statistics interval.
    var concealedBlocks = 0
    var concealedInInterval = 0
    var blocksInInterval = 0
    /// Bytes received in the current statistics interval.
    var bytesInInterval = 0
    /// Decode failures (each concealed).
    var decodeFailures = 0
    /// Samples of a pre-mix frame being assembled for `onRemoteUserAudioFrame`.
    var callbackPending: [Int16] = []

    init(userId: String, ssrc: UInt32) throws {
        self.userId = userId
        self.ssrc = ssrc
        jitterBuffer = try JitterBuffer(JitterBufferConfiguration())
        decoder = try OpusDecoder(sampleRate: 48_000, channels: 1)
    }

    /// Inserts one RTP packet (already decrypted and parsed).
    func insert(_ bytes: [UInt8], layout: RTPPacketLayout, arrival: Duration) {
        let packet = JitterBufferPacket(
            sequenceNumber: layout.sequenceNumber, timestamp: layout.timestamp, payload: Array(bytes[layout.payloadRange]))
        _ = jitterBuffer.insert(packet, arrival: arrival)
        reception.record(
            sequenceNumber: layout.sequenceNumber, timestamp: layout.timestamp, bytes: bytes.count,
            arrival: Double(arrival.components.seconds) + Double(arrival.components.attoseconds) / 1e18)
        bytesInInterval += bytes.count
    }

    /// The next 10 ms (480 samples), decoding, recovering (FEC) or concealing (PLC) as the jitter buffer says;
    /// nil while the stream is idle (nothing buffered yet, or a pause).
    func next10ms(at now: Duration) -> [Int16]? {
        if decoded.count < 480 {
            switch jitterBuffer.pull(at: now) {
            case .packet(let packet):
                if let pcm = try? decoder.decode(packet.payload) {
                    decoded += pcm
                } else {
                    decodeFailures += 1
                    decoded += (try? decoder.conceal(samplesPerChannel: 960)) ?? [Int16](repeating: 0, count: 960)
                }
            case .recover(let next):
                decoded += (try? decoder.recover(from: next.payload, samplesPerChannel: 960)) ?? [Int16](repeating: 0, count: 960)
                countConcealed()
            case .conceal:
                decoded += (try? decoder.conceal(samplesPerChannel: 960)) ?? [Int16](repeating: 0, count: 960)
                countConcealed()
            case .idle:
                return nil
            }
        }
        blocksInInterval += 1
        guard decoded.count >= 480 else { return nil }
        defer { decoded.removeFirst(480) }
        return Array(decoded.prefix(480))
    }

    private func countConcealed() {
        concealedBlocks += 2
        concealedInInterval += 2
    }

    /// The jitter buffer's figures.
    var jitterStatistics: JitterBufferStatistics { jitterBuffer.statistics }
}
