import Foundation
import Logging
import RTCSignaling
import RTCAudio
import NIOConcurrencyHelpers

/// The engine's public face (TRTC's `TRTCCloud`): enter and exit rooms, publish and receive
/// audio, custom capture and rendering, messages, quality. Every method may be called from any
/// thread; calls take effect in the order they were made, and every callback arrives on
/// `delegateQueue`.
public final class TRTCCloud: Sendable {
    private static let shared = NIOLockedValueBox<TRTCCloud?>(nil)

    /// The process-wide instance, created on first use.
    public static func sharedInstance() -> TRTCCloud {
        shared.withLockedValue { instance in
            if let instance { return instance }
            let created = TRTCCloud()
            instance = created
            return created
        }
    }

    /// Exits the shared instance's room (if any) and releases it.
    public static func destroySharedInstance() {
        let instance = shared.withLockedValue { instance in defer { instance = nil }; return instance }
        instance?.exitRoom()
    }

    private let dispatcher = EventDispatcher()
    private let settings = AudioSettings()
    private let commands = CommandQueue()
    private let session = NIOLockedValueBox<RoomSession?>(nil)
    private let localAudio = NIOLockedValueBox<TRTCAudioQuality?>(nil)
    private let ptsOrigin = ContinuousClock.now
    /// Resamplers of `mixExternalAudioFrame` and `getCustomAudioRenderingFrame`, one per stream and
    /// format, kept so that consecutive frames resample without seams.
    private let converters = NIOLockedValueBox<[String: FormatConverter]>([:])
    private let logger: Logger

    /// An independent instance: its own room, connections and threads (bots, tests, load).
    public init() {
        var logger = Logger(label: "rtc-engine")
        logger.logLevel = ProcessInfo.processInfo.environment["RTC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
        self.logger = logger
    }

    /// Another independent instance, as TRTC's sub-clouds are (one more room at a time).
    public func createSubCloud() -> TRTCCloud {
        TRTCCloud()
    }

    /// Receives the callbacks; held weakly.
    public var delegate: (any TRTCCloudDelegate)? {
        get { dispatcher.delegate }
        set { dispatcher.delegate = newValue }
    }

    /// The queue callbacks run on: the main queue by default (run it with `dispatchMain()` or pass your own).
    public var delegateQueue: DispatchQueue {
        get { dispatcher.queue }
        set { dispatcher.queue = newValue }
    }

    /// Every callback as a value, from the moment of access on; each access makes a new stream.
    public var events: AsyncStream<TRTCEvent> { dispatcher.makeStream() }

    // MARK: Room

    /// Enters a room; `onEnterRoom(ms)` when in, `onEnterRoom(code < 0)` and `onError` when not.
    /// Entering while in a room exits that one first.
    public func enterRoom(_ params: TRTCParams, appScene: TRTCAppScene) {
        commands.enqueue { [self] in
            await endSession(reason: 0)
            if let failure = Self.validate(params) {
                dispatcher.emit(.error(code: failure.code, message: failure.message))
                dispatcher.emit(.enterRoom(result: failure.code.rawValue))
                return
            }
            let created: RoomSession
            do {
                created = try RoomSession(params: params, scene: appScene, settings: settings, dispatcher: dispatcher, logger: logger) { [weak self] in
                    self?.sessionEnded()
                }
            } catch {
                dispatcher.emit(.error(code: .ERR_TRTC_ENTER_ROOM_FAILED, message: "\(error)"))
                dispatcher.emit(.enterRoom(result: TXLiteAVError.ERR_TRTC_ENTER_ROOM_FAILED.rawValue))
                return
            }
            session.withLockedValue { $0 = created }
            let quality = localAudio.withLockedValue { $0 } ?? (settings.read(\.customCapture) ? .default : nil)
            let entering = Task { await created.enter(localAudio: quality) }
            created.state.withLockedValue { $0.tasks.append(entering) }
        }
    }

    /// Leaves the room: leave packets, every engine thread stopped and joined, every native
    /// handle freed, sockets closed, then `onExitRoom(0)`. Bounded (1 s) when the server is
    /// unreachable; harmless when not in a room or called twice (no second callback).
    public func exitRoom() {
        commands.enqueue { [self] in await endSession(reason: 0) }
    }

    /// Switches between anchor and audience (LIVE and voiceChatRoom); `onSwitchRole` tells the outcome.
    public func switchRole(_ role: TRTCRoleType) {
        commands.enqueue { [self] in
            guard let current = session.withLockedValue({ $0 }), current.phase == .inRoom else {
                dispatcher.emit(.switchRole(errCode: .ERR_REFUSED, errMsg: "not in a room"))
                return
            }
            await current.switchRole(to: role)
        }
    }

    /// Receive every user's audio automatically (default) or only after `muteRemoteAudio(_, mute: false)`. Before entering.
    public func setDefaultStreamRecvMode(_ autoRecvAudio: Bool, video: Bool) {
        settings.update { $0.autoReceiveAudio = autoRecvAudio }
    }

    // MARK: Local audio

    /// Starts publishing local audio at a quality. With custom capture on, the app's frames are
    /// sent; otherwise (no capture device in this engine) a paced silent stream, and `onWarning(1201)`.
    public func startLocalAudio(_ quality: TRTCAudioQuality) {
        localAudio.withLockedValue { $0 = quality }
        if !settings.read(\.customCapture) {
            dispatcher.emit(.warning(code: .WARNING_MICROPHONE_NOT_FOUND, message: "no capture device: use enableCustomAudioCapture and sendCustomAudioData"))
        }
        commands.enqueue { [self] in
            guard let current = session.withLockedValue({ $0 }), current.phase == .inRoom else { return }
            current.state.withLockedValue { $0.localAudio = quality }
            do {
                try await current.startLocalAudioIfNeeded()
            } catch {
                let (code, message) = RoomSession.describe(error)
                dispatcher.emit(.error(code: code, message: message))
            }
        }
    }

    /// Stops publishing local audio; others get `onUserAudioAvailable(false)`.
    public func stopLocalAudio() {
        localAudio.withLockedValue { $0 = nil }
        commands.enqueue { [self] in
            guard let current = session.withLockedValue({ $0 }) else { return }
            current.state.withLockedValue { $0.localAudio = nil }
            await current.stopLocalAudio()
        }
    }

    /// Mutes the local audio: a very low bitrate (DTX) stream keeps flowing; others get `onUserAudioAvailable(!mute)`.
    public func muteLocalAudio(_ mute: Bool) {
        settings.update { $0.localMuted = mute }
        commands.enqueue { [self] in session.withLockedValue { $0 }?.setLocalMuted(mute) }
    }

    /// Sets the capture volume, 0…150 (100 by default).
    public func setAudioCaptureVolume(_ volume: Int) {
        settings.update { $0.captureVolume = min(150, max(0, volume)) }
    }

    /// The capture volume.
    public func getAudioCaptureVolume() -> Int { settings.read(\.captureVolume) }

    /// Sets the playout volume, 0…150 (100 by default).
    public func setAudioPlayoutVolume(_ volume: Int) {
        settings.update { $0.playoutVolume = min(150, max(0, volume)) }
    }

    /// The playout volume.
    public func getAudioPlayoutVolume() -> Int { settings.read(\.playoutVolume) }

    /// Turns the echo canceller on or off (on by default); applies from the next `startLocalAudio`.
    public func enableEchoCancellation(_ enable: Bool) {
        settings.update { $0.echoCancellation = enable }
    }

    /// Sets the noise suppression ("AI denoiser") level, or nil for off; applies from the next `startLocalAudio`.
    public func setNoiseSuppression(_ level: TRTCNoiseSuppressionLevel?) {
        settings.update { $0.noiseSuppression = level?.processorLevel }
    }

    /// Turns automatic gain control on or off (off by default); applies from the next `startLocalAudio`.
    public func enableAutomaticGainControl(_ enable: Bool) {
        settings.update { $0.automaticGainControl = enable }
    }

    // MARK: Remote audio

    /// Stops (or resumes) playing and receiving one user's audio; reset by `exitRoom`.
    public func muteRemoteAudio(_ userId: String, mute: Bool) {
        commands.enqueue { [self] in session.withLockedValue { $0 }?.setRemoteAudio(userId, muted: mute) }
    }

    /// Stops (or resumes) playing and receiving every user's audio.
    public func muteAllRemoteAudio(_ mute: Bool) {
        commands.enqueue { [self] in session.withLockedValue { $0 }?.setAllRemoteAudio(muted: mute) }
    }

    /// Sets one user's playback volume, 0…150 (100 by default).
    public func setRemoteAudioVolume(_ userId: String, volume: Int) {
        settings.update { $0.remoteVolumes[userId] = min(150, max(0, volume)) }
    }

    // MARK: Custom capture, mixing and rendering

    /// Sends the app's PCM instead of a device's (`sendCustomAudioData`). Before `enterRoom` or `startLocalAudio`.
    public func enableCustomAudioCapture(_ enable: Bool) {
        settings.update { $0.customCapture = enable }
        if enable {
            commands.enqueue { [self] in
                guard let current = session.withLockedValue({ $0 }), current.phase == .inRoom else { return }
                if current.state.withLockedValue({ $0.localAudio }) == nil {
                    current.state.withLockedValue { $0.localAudio = localAudio.withLockedValue { $0 } ?? .default }
                }
                try? await current.startLocalAudioIfNeeded()
            }
        }
    }

    /// Sends one frame of custom capture: PCM16 interleaved, 5–100 ms, 16000/24000/32000/44100/48000 Hz,
    /// 1–2 channels. A frame outside that gets `onWarning` and is dropped, never a crash.
    public func sendCustomAudioData(_ frame: TRTCAudioFrame) {
        if let problem = Self.problem(with: frame) {
            dispatcher.emit(.warning(code: .WARNING_CUSTOM_AUDIO_FRAME_INVALID, message: problem))
            return
        }
        guard settings.read(\.customCapture) else {
            dispatcher.emit(.warning(code: .WARNING_CUSTOM_AUDIO_FRAME_INVALID, message: "custom audio capture is not enabled"))
            return
        }
        session.withLockedValue { $0 }?.sendPipeline.withLockedValue { $0 }?.enqueue(frame)
    }

    /// Milliseconds since this cloud was created: timestamps for custom frames.
    public func generateCustomPTS() -> UInt64 {
        UInt64((ContinuousClock.now - ptsOrigin) / .milliseconds(1))
    }

    /// Mixes external audio (e.g. TTS) into the uplink and/or the local playout.
    public func enableMixExternalAudioFrame(_ enablePublish: Bool, playout enablePlayout: Bool) {
        settings.update {
            $0.mixExternalPublish = enablePublish
            $0.mixExternalPlayout = enablePlayout
        }
    }

    /// Queues external audio for mixing; returns the milliseconds buffered, or −1 when mixing is off
    /// or the frame is invalid.
    public func mixExternalAudioFrame(_ frame: TRTCAudioFrame) -> Int {
        let (publish, playout) = settings.read { ($0.mixExternalPublish, $0.mixExternalPlayout) }
        guard publish || playout, Self.problem(with: frame) == nil, let current = session.withLockedValue({ $0 }) else { return -1 }
        var buffered = 0
        let samples = frame.samples
        if publish, let pipeline = current.sendPipeline.withLockedValue({ $0 }) {
            let converted = convert(samples, key: "publish", from: (frame.sampleRate, frame.channels), to: (pipeline.quality.sampleRate, pipeline.quality.channels))
            let queued = pipeline.external.append(converted)
            buffered = queued * 1000 / (pipeline.quality.sampleRate * pipeline.quality.channels)
        }
        if playout {
            let converted = convert(samples, key: "playout", from: (frame.sampleRate, frame.channels), to: (48_000, 1))
            buffered = max(buffered, current.playout.external.append(converted) / 48)
        }
        return buffered
    }

    /// Receives audio frames as they pass through the engine (held weakly).
    public func setAudioFrameDelegate(_ delegate: (any TRTCAudioFrameDelegate)?) {
        settings.update { $0.frameDelegate = delegate }
    }

    /// The format of `onMixedPlayAudioFrame` and `onMixedAllAudioFrame` (10 ms multiples); false when invalid.
    @discardableResult
    public func setMixedPlayAudioFrameCallbackFormat(_ format: TRTCAudioFrameDelegateFormat) -> Bool {
        guard format.isValid else { return false }
        settings.update { $0.mixedPlayFormat = format }
        return true
    }

    /// Plays out by pull: the app calls `getCustomAudioRenderingFrame` every 10 or 20 ms.
    public func enableCustomAudioRendering(_ enable: Bool) {
        settings.update { $0.customRendering = enable }
    }

    /// Fills `frame` (its `sampleRate`, `channels` and length as 10 or 20 ms of `data`) with the mixed room audio.
    public func getCustomAudioRenderingFrame(_ frame: TRTCAudioFrame) {
        guard settings.read(\.customRendering), [10.0, 20.0].contains(frame.durationMilliseconds.rounded()),
            let playout = session.withLockedValue({ $0?.playout })
        else {
            frame.data = Data(count: frame.data.count)
            return
        }
        let samples = Int(frame.durationMilliseconds.rounded()) * 48
        let mono = playout.rendering.takePadded(samples)
        if frame.sampleRate == 48_000 && frame.channels == 1 {
            frame.samples = mono
        } else {
            let converted = convert(mono, key: "render", from: (48_000, 1), to: (frame.sampleRate, frame.channels))
            let wanted = frame.data.count / 2
            frame.samples = Array(converted.prefix(wanted)) + [Int16](repeating: 0, count: max(0, wanted - converted.count))
        }
    }

    /// Reports volumes with `onUserVoiceVolume` every `params.interval` ms (at least 100).
    public func enableAudioVolumeEvaluation(_ enable: Bool, with params: TRTCAudioVolumeEvaluateParams = TRTCAudioVolumeEvaluateParams()) {
        settings.update { $0.volumeEvaluation = enable ? params : nil }
    }

    // MARK: Messages

    /// Sends a custom message to everyone in the room: cmdID 1…10, ≤ 1 KiB, ≤ 30 per second and
    /// ≤ 8 KiB per second, anchors only, `reliable == ordered`. False when any rule refuses it.
    /// Reliable messages arrive exactly once and in order, also across a reconnection.
    public func sendCustomCmdMsg(_ cmdID: Int, data: Data, reliable: Bool, ordered: Bool) -> Bool {
        guard let current = session.withLockedValue({ $0 }) else { return false }
        return current.sendCustomMessage(cmdID: cmdID, data: data, reliable: reliable, ordered: ordered)
    }

    // MARK: Quality

    /// Measures the path to the server before entering (RTT, loss both ways, jitter, bandwidth)
    /// with a 2 s probe at `expectedUpBandwidth`; `onSpeedTestResult` tells the outcome.
    public func startSpeedTest(_ params: TRTCSpeedTestParams) {
        let logger = self.logger
        let dispatcher = self.dispatcher
        Task {
            dispatcher.emit(.speedTestResult(await SpeedTester.run(params, logger: logger)))
        }
    }

    // MARK: Internals

    /// The current stay, if any (for tests that inspect threads and sockets).
    var currentSession: RoomSession? { session.withLockedValue { $0 } }

    private func endSession(reason: Int) async {
        guard let current = session.withLockedValue({ $0 }) else { return }
        // teardown marks the stay as exiting before it cancels its tasks, so that the end of the
        // signaling connection is not taken for a lost connection.
        await current.teardown(sendLeave: true, reason: reason)
        session.withLockedValue { if $0 === current { $0 = nil } }
    }

    private func sessionEnded() {
        session.withLockedValue { if $0?.phase == .exited { $0 = nil } }
    }

    /// Converts with the kept resampler of one stream and format.
    private func convert(_ samples: [Int16], key: String, from input: (rate: Int, channels: Int), to output: (rate: Int, channels: Int)) -> [Int16] {
        let id = "\(key)/\(input.rate)/\(input.channels)/\(output.rate)/\(output.channels)"
        return converters.withLockedValue { cache in
            if cache[id] == nil {
                cache[id] = try? FormatConverter(inputRate: input.rate, inputChannels: input.channels, outputRate: output.rate, outputChannels: output.channels)
            }
            return cache[id]?.convert(samples) ?? []
        }
    }

    /// TRTC's checks of the parameters, made before any connection.
    static func validate(_ params: TRTCParams) -> EngineFailure? {
        do {
            _ = try JoinParameters(
                sdkAppId: params.sdkAppId, userId: params.userId, userSig: params.userSig, roomId: params.roomId,
                strRoomId: params.roomId == 0 ? params.strRoomId : "")
        } catch {
            return EngineFailure(code: TXLiteAVError.from(error.code), message: error.description)
        }
        guard params.userDefineRecordId.utf8.count <= 64 else {
            return EngineFailure(code: .ERR_INVALID_PARAMETER, message: "userDefineRecordId is longer than 64 bytes")
        }
        return nil
    }

    /// Why a custom frame is refused, or nil when it is valid.
    static func problem(with frame: TRTCAudioFrame) -> String? {
        guard [16_000, 24_000, 32_000, 44_100, 48_000].contains(frame.sampleRate) else {
            return "sample rate \(frame.sampleRate) is not 16000, 24000, 32000, 44100 or 48000"
        }
        guard (1...2).contains(frame.channels) else { return "\(frame.channels) channels: 1 or 2 are supported" }
        guard frame.data.count % (2 * frame.channels) == 0 else { return "\(frame.data.count) bytes is not whole PCM16 samples" }
        let duration = frame.durationMilliseconds
        guard duration >= 5, duration <= 100 else { return "a frame of \(duration) ms: 5–100 ms are accepted" }
        return nil
    }
}

/// Noise suppression levels (TRTC's "AI denoiser" levels).
public enum TRTCNoiseSuppressionLevel: Int, Sendable, CaseIterable {
    /// Light suppression.
    case low = 1
    /// The default.
    case moderate = 2
    /// Strong suppression.
    case high = 3
    /// The strongest.
    case veryHigh = 4

    var processorLevel: NoiseSuppressionLevel {
        switch self {
        case .low: .low
        case .moderate: .moderate
        case .high: .high
        case .veryHigh: .veryHigh
        }
    }
}
