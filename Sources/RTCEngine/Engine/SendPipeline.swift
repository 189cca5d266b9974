import Dispatch
import Foundation
import RTCAudio
import RTCTransport
import NIOConcurrencyHelpers
import Synchronization

/// The uplink (issue: send pipeline): custom capture frames, or a paced silent source standing in
/// for a device, → resample to the codec rate → AudioProcessor (AEC/NS/AGC) → capture volume →
/// external-audio mix → Opus → RTP with the audio-level extension → SRTP → UDP. Runs on its own
/// thread ("rtc-cap-N"), joined by `stop()`.
final class SendPipeline: @unchecked Sendable {  // Mutable members below `// thread-owned` are touched only on the thread.
    let quality: TRTCAudioQuality
    let ssrc: UInt32
    private let transport: MediaTransport
    private let settings: AudioSettings
    private let dispatcher: EventDispatcher
    private let processor: AudioProcessor
    private let inbox = NIOLockedValueBox<[TRTCAudioFrame]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let running = Atomic<Bool>(true)
    /// External audio (e.g. TTS) waiting to be mixed into the uplink, at the codec format.
    let external: SampleQueue
    /// What was sent, for Sender Reports and statistics.
    let counters = NIOLockedValueBox(RTPSendCounters())
    /// The local level since the last volume report.
    let level = NIOLockedValueBox(LevelMeter())
    private var thread: JoinableThread?
    private let threadName: String

    // thread-owned
    private var encoder: OpusEncoder?
    private var converters: [Int: FormatConverter] = [:]
    private var pending: [Int16] = []
    private var sequence = UInt16.random(in: 0...UInt16.max)
    private var timestamp = UInt32.random(in: 0...UInt32.max)
    private var sentFirst = false

    init(quality: TRTCAudioQuality, ssrc: UInt32, transport: MediaTransport, settings: AudioSettings, dispatcher: EventDispatcher, processor: AudioProcessor, threadName: String) {
        self.threadName = threadName
        self.quality = quality
        self.ssrc = ssrc
        self.transport = transport
        self.settings = settings
        self.dispatcher = dispatcher
        self.processor = processor
        external = SampleQueue(capacity: quality.sampleRate * quality.channels * 2)
    }

    /// Samples in one 20 ms frame at the codec format.
    var frameLength: Int { quality.sampleRate / 50 * quality.channels }

    /// Starts the capture thread.
    func start() throws {
        encoder = try OpusEncoder(OpusEncoderConfiguration(
            sampleRate: quality.sampleRate, channels: quality.channels, application: quality == .music ? .audio : .voip,
            bitrate: quality.bitrate, dtx: true))
        thread = JoinableThread(name: threadName) { [self] in run() }
    }

    /// Stops and joins the capture thread; the encoder is freed.
    func stop() {
        running.store(false, ordering: .sequentiallyConsistent)
        wake.signal()
        thread?.join()
        thread = nil
        encoder = nil
    }

    /// Queues one custom capture frame (already validated).
    func enqueue(_ frame: TRTCAudioFrame) {
        inbox.withLockedValue { $0.append(frame) }
        wake.signal()
    }

    private func run() {
        let frameDuration = DispatchTimeInterval.milliseconds(20)
        var nextTick = DispatchTime.now()
        while running.load(ordering: .relaxed) {
            if settings.read(\.customCapture) {
                _ = wake.wait(timeout: .now() + frameDuration)
                for frame in inbox.withLockedValue({ frames in defer { frames.removeAll() }; return frames }) {
                    pending += convert(frame)
                }
            } else {
                // No capture device in this engine: a paced silent source keeps the stream (DTX) alive.
                nextTick = nextTick + frameDuration
                Thread.sleep(forTimeInterval: max(0, Double(Int64(nextTick.uptimeNanoseconds) - Int64(DispatchTime.now().uptimeNanoseconds)) / 1e9))
                pending += [Int16](repeating: 0, count: frameLength)
            }
            while pending.count >= frameLength {
                let frame = Array(pending.prefix(frameLength))
                pending.removeFirst(frameLength)
                send(frame)
            }
            if pending.count > frameLength * 25 { pending.removeFirst(pending.count - frameLength * 5) }
        }
    }

    private func convert(_ frame: TRTCAudioFrame) -> [Int16] {
        let key = frame.sampleRate * 10 + frame.channels
        if converters[key] == nil {
            converters[key] = try? FormatConverter(
                inputRate: frame.sampleRate, inputChannels: frame.channels, outputRate: quality.sampleRate, outputChannels: quality.channels)
        }
        return converters[key]?.convert(frame.samples) ?? []
    }

    private func send(_ captured: [Int16]) {
        guard let encoder else { return }
        let (delegate, volume, muted, mixExternal) = settings.read { ($0.frameDelegate, $0.captureVolume, $0.localMuted, $0.mixExternalPublish) }
        delegate?.onCapturedAudioFrame(TRTCAudioFrame(samples: captured, sampleRate: quality.sampleRate, channels: quality.channels))
        var frame = captured
        let tenMilliseconds = frameLength / 2
        for start in stride(from: 0, to: frame.count, by: tenMilliseconds) {
            var chunk = Array(frame[start..<start + tenMilliseconds])
            if (try? processor.processNearEnd(&chunk)) != nil {
                frame.replaceSubrange(start..<start + tenMilliseconds, with: chunk)
            }
        }
        if volume != 100 { frame = frame.map { Int16(clamping: Int32($0) * Int32(volume) / 100) } }
        if mixExternal {
            let extra = external.takePadded(frame.count)
            frame = zip(frame, extra).map { Int16(clamping: Int32($0) + Int32($1)) }
        }
        delegate?.onLocalProcessedAudioFrame(TRTCAudioFrame(samples: frame, sampleRate: quality.sampleRate, channels: quality.channels))
        if muted { frame = [Int16](repeating: 0, count: frame.count) }
        var meter = LevelMeter()
        meter.add(frame)
        level.withLockedValue { $0.add(frame) }
        guard let payload = try? encoder.encode(frame) else { return }
        defer { timestamp &+= UInt32(quality.sampleRate / 50) }
        // DTX: Opus returns 1-2 byte packets for silence; RFC 7587 allows not sending them.
        guard payload.count > 2 || !encoder.isInDTX else { return }
        var header = RTPHeader(payloadType: 111, sequenceNumber: sequence, timestamp: timestamp, ssrc: ssrc)
        header.setAudioLevel(AudioLevel(level: meter.audioLevel, voiceActivity: processor.hasVoice && !muted))
        sequence &+= 1
        guard let bytes = try? header.serialized() + payload else { return }
        transport.sendRTP(bytes)
        counters.withLockedValue { $0.record(timestamp: timestamp, payloadBytes: UInt32(payload.count)) }
        if !sentFirst {
            sentFirst = true
            dispatcher.emit(.sendFirstLocalAudioFrame)
        }
    }
}

/// Packets and octets sent on one SSRC and the last RTP timestamp (RFC 3550 §6.4.1 sender info).
struct RTPSendCounters: Sendable {
    var packets: UInt32 = 0
    var octets: UInt32 = 0
    var lastTimestamp: UInt32 = 0
    var lastSent = DispatchTime.now()

    mutating func record(timestamp: UInt32, payloadBytes: UInt32) {
        packets &+= 1
        octets &+= payloadBytes
        lastTimestamp = timestamp
        lastSent = .now()
    }
}
