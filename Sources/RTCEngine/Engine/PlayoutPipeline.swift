import Dispatch
import Foundation
import RTCAudio
import RTCTransport
import NIOConcurrencyHelpers
import Synchronization

/// The downlink (issue: receive pipeline): per-user jitter buffers → Opus decode with PLC/FEC →
/// per-user volume → mix → playout volume → the echo canceller's far end, the frame delegate
/// and the custom-rendering buffer. Driven by a 10 ms clock on its own thread ("rtc-play-N"),
/// joined by `stop()`.
final class PlayoutPipeline: @unchecked Sendable {  // `streams` is guarded by `lock`; the rest is the thread's.
    private let settings: AudioSettings
    private let dispatcher: EventDispatcher
    private let lock = NSLock()
    private var streams: [UInt32: RemoteAudioStream] = [:]
    private let running = Atomic<Bool>(true)
    private var thread: JoinableThread?
    private let threadName: String
    private let origin = ContinuousClock.now
    /// The echo canceller whose far end is what plays; set while local audio is published.
    let farEnd = NIOLockedValueBox<(processor: AudioProcessor, converter: FormatConverter)?>(nil)
    /// Mixed playout for `getCustomAudioRenderingFrame` (48 kHz mono), at most 1 s.
    let rendering = SampleQueue(capacity: 48_000)
    /// External audio mixed into the playout (48 kHz mono).
    let external = SampleQueue(capacity: 96_000)
    /// The local processed audio of the last 20 ms, for `onMixedAllAudioFrame`.
    let localForMixAll = SampleQueue(capacity: 9_600)

    // thread-owned
    private var mixedPending: [Int16] = []
    private var converters: [String: FormatConverter] = [:]

    init(settings: AudioSettings, dispatcher: EventDispatcher, threadName: String) {
        self.threadName = threadName
        self.settings = settings
        self.dispatcher = dispatcher
    }

    /// Starts the 10 ms clock.
    func start() {
        thread = JoinableThread(name: threadName) { [self] in run() }
    }

    /// Stops and joins the playout thread; every decoder is freed.
    func stop() {
        running.store(false, ordering: .sequentiallyConsistent)
        thread?.join()
        thread = nil
        lock.withLock { streams.removeAll() }
        farEnd.withLockedValue { $0 = nil }
    }

    /// Starts receiving a user's stream.
    func addStream(userId: String, ssrc: UInt32) {
        guard let stream = try? RemoteAudioStream(userId: userId, ssrc: ssrc) else { return }
        lock.withLock { streams[ssrc] = stream }
    }

    /// Stops receiving a stream.
    func removeStream(ssrc: UInt32) {
        _ = lock.withLock { streams.removeValue(forKey: ssrc) }
    }

    /// Stops receiving every stream of a user.
    func removeStreams(of userId: String) {
        lock.withLock { streams = streams.filter { $0.value.userId != userId } }
    }

    /// One decrypted RTP packet from the network; dropped when its SSRC is not subscribed.
    func receive(_ bytes: [UInt8]) {
        guard let layout = try? RTPPacketLayout(parsing: bytes) else { return }
        let now = ContinuousClock.now - origin
        lock.withLock { streams[layout.ssrc]?.insert(bytes, layout: layout, arrival: now) }
    }

    /// Runs `body` on every stream under the lock (statistics, reports).
    func withStreams<T>(_ body: ([RemoteAudioStream]) -> T) -> T {
        lock.withLock { body(Array(streams.values)) }
    }

    private func run() {
        var next = DispatchTime.now()
        while running.load(ordering: .relaxed) {
            next = next + .milliseconds(10)
            tick()
            let wait = Int64(next.uptimeNanoseconds) - Int64(DispatchTime.now().uptimeNanoseconds)
            if wait > 0 { Thread.sleep(forTimeInterval: Double(wait) / 1e9) } else if wait < -200_000_000 { next = .now() }
        }
    }

    private func tick() {
        let now = ContinuousClock.now - origin
        let (values, delegate) = settings.read { ($0, $0.frameDelegate) }
        var mixed = [Int32](repeating: 0, count: 480)
        var firstFrames: [String] = []
        lock.withLock {
            for stream in streams.values {
                guard var block = stream.next10ms(at: now) else { continue }
                let gain = values.remoteVolumes[stream.userId] ?? 100
                if gain != 100 { block = block.map { Int16(clamping: Int32($0) * Int32(gain) / 100) } }
                stream.level.add(block)
                if !stream.playedFirst {
                    stream.playedFirst = true
                    firstFrames.append(stream.userId)
                }
                if let delegate {
                    stream.callbackPending += block
                    if stream.callbackPending.count >= 960 {
                        delegate.onRemoteUserAudioFrame(
                            TRTCAudioFrame(samples: stream.callbackPending, sampleRate: 48_000, channels: 1), userId: stream.userId)
                        stream.callbackPending.removeAll(keepingCapacity: true)
                    }
                }
                for i in 0..<480 { mixed[i] += Int32(block[i]) }
            }
        }
        for userId in firstFrames { dispatcher.emit(.firstAudioFrame(userId: userId)) }
        if values.mixExternalPlayout {
            let extra = external.takePadded(480)
            for i in 0..<480 { mixed[i] += Int32(extra[i]) }
        }
        let volume = Int32(values.playoutVolume)
        let output = mixed.map { Int16(clamping: $0 * volume / 100) }
        farEnd.withLockedValue { pair in
            guard let pair else { return }
            _ = try? pair.processor.analyzeFarEnd(pair.converter.convert(output))
        }
        if values.customRendering { rendering.append(output) }
        guard let delegate else { return }
        mixedPending += output
        guard mixedPending.count >= values.mixedPlayFormat.samplesPerCall * 48_000 / values.mixedPlayFormat.sampleRate else { return }
        let block = mixedPending
        mixedPending.removeAll(keepingCapacity: true)
        delegate.onMixedPlayAudioFrame(frame(block, in: values.mixedPlayFormat, key: "play"))
        let local = localForMixAll.takePadded(block.count)
        let all = zip(block, local).map { Int16(clamping: Int32($0) + Int32($1)) }
        delegate.onMixedAllAudioFrame(frame(all, in: values.mixedPlayFormat, key: "all"))
    }

    private func frame(_ samples: [Int16], in format: TRTCAudioFrameDelegateFormat, key: String) -> TRTCAudioFrame {
        guard format.sampleRate != 48_000 || format.channels != 1 else {
            return TRTCAudioFrame(samples: samples, sampleRate: 48_000, channels: 1)
        }
        let id = "\(key)/\(format.sampleRate)/\(format.channels)"
        if converters[id] == nil {
            converters[id] = try? FormatConverter(inputRate: 48_000, inputChannels: 1, outputRate: format.sampleRate, outputChannels: format.channels)
        }
        return TRTCAudioFrame(samples: converters[id]?.convert(samples) ?? [], sampleRate: format.sampleRate, channels: format.channels)
    }
}
