import Foundation
import RTCAudio
import RTCEngine
import NIOConcurrencyHelpers

/// One `TRTCCloud` as `rtc-client` drives it: prints every callback as a `[name] …` line, keeps
/// the status figures, records the mixed room audio to a WAV file, and (for the demo) keeps the
/// last two seconds of each remote user's decoded audio.
final class RoomClient: TRTCAudioFrameDelegate, Sendable {
    /// The prefix of this client's lines.
    let name: String
    /// The engine instance.
    let cloud = TRTCCloud()
    private let console: Console
    private let keepsRemoteAudio: Bool
    private let log = NIOLockedValueBox<[TRTCEvent]>([])
    private let figures = NIOLockedValueBox(RoomStatus())
    private let recording = NIOLockedValueBox<WAVRecording?>(nil)
    private let remoteAudio = NIOLockedValueBox<[String: [Int16]]>([:])
    private let listener = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// Seconds of each remote user's audio kept for analysis.
    static let keptSeconds = 2

    /// A client printing to `console`; with `keepRemoteAudio`, each remote user's audio is kept for analysis.
    init(name: String, console: Console, keepRemoteAudio: Bool = false) {
        self.name = name
        self.console = console
        self.keepsRemoteAudio = keepRemoteAudio
        let events = cloud.events
        listener.withLockedValue {
            $0 = Task { [weak self] in
                for await event in events { self?.handle(event) }
            }
        }
        cloud.setAudioFrameDelegate(self)
    }

    deinit {
        listener.withLockedValue { $0?.cancel() }
    }

    /// Records the mixed room audio (what plays out, 48 kHz mono) to `path` until the room is left.
    func record(to path: String) throws {
        try recording.withLockedValue { recording in
            do {
                recording = WAVRecording(writer: try WAVWriter(path: path, sampleRate: 48_000, channels: 1))
            } catch {
                throw ClientError.recordingFailed(path: path, reason: "\(error)")
            }
        }
    }

    /// Enters the room and waits for `onEnterRoom`; throws `enterFailed` with the engine's code and
    /// message. Returns false when the stay ended (`onExitRoom`, e.g. after a Ctrl-C) before it was entered.
    func enter(_ params: TRTCParams, scene: TRTCAppScene, timeout: Duration = .seconds(60)) async throws -> Bool {
        let start = eventCount
        cloud.enterRoom(params, appScene: scene)
        let outcome = await wait(after: start, timeout: timeout) {
            switch $0 {
            case .enterRoom, .exitRoom: true
            default: false
            }
        }
        switch outcome {
        case .enterRoom(let result)? where result > 0:
            return true
        case .enterRoom(let result)?:
            finishRecording()
            let message = events.reversed().lazy.compactMap { event -> String? in
                if case .error(_, let message) = event { message } else { nil }
            }.first
            throw ClientError.enterFailed(code: result, message: message ?? "onEnterRoom(\(result))")
        case .exitRoom?:
            return false
        default:
            cloud.exitRoom()
            finishRecording()
            throw ClientError.enterFailed(
                code: TXLiteAVError.ERR_REQUEST_SERVER_TIMEOUT.rawValue, message: "no onEnterRoom within \(timeout)")
        }
    }

    /// Leaves the room and waits for `onExitRoom`; returns its reason (nil when it did not come within `timeout`).
    @discardableResult
    func exit(timeout: Duration = .seconds(15)) async -> Int? {
        let start = eventCount
        cloud.exitRoom()
        return await exitReason(after: start, timeout: timeout)
    }

    /// Waits for `onExitRoom` after the event at `start`; returns its reason.
    func exitReason(after start: Int = 0, timeout: Duration) async -> Int? {
        let exited = await wait(after: start, timeout: timeout) { if case .exitRoom = $0 { true } else { false } }
        guard case .exitRoom(let reason)? = exited else { return nil }
        return reason
    }

    /// Copies made under the lock (`map`), here and below: a buffer shared with the recording thread would be
    /// freed by whichever thread lets go last, ordered only by the runtime's atomics, which TSan cannot see.
    /// Every callback so far, in order, except the periodic ones (volumes, quality, statistics).
    var events: [TRTCEvent] { log.withLockedValue { $0.map { $0 } } }

    /// How many callbacks arrived so far: a mark for `wait(after:)`.
    var eventCount: Int { log.withLockedValue { $0.count } }

    /// Waits until a callback after the first `start` ones matches; nil when none did within `timeout`.
    func wait(after start: Int = 0, timeout: Duration, for predicate: (TRTCEvent) -> Bool) async -> TRTCEvent? {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if let found = log.withLockedValue({ $0.dropFirst(start).first(where: predicate) }) { return found }
            try? await Task.sleep(for: .milliseconds(10))
        } while ContinuousClock.now < deadline
        return nil
    }

    /// The status line: `[name] ` and the figures.
    var statusLine: String { "[\(name)] " + figures.withLockedValue { $0.line } }

    /// The last statistics.
    var statistics: TRTCStatistics { figures.withLockedValue { $0.statistics } }

    /// The last seconds of a remote user's decoded audio (48 kHz mono); empty unless kept.
    func receivedAudio(from userId: String) -> [Int16] {
        remoteAudio.withLockedValue { ($0[userId] ?? []).map { $0 } }
    }

    /// The recording's path and length in seconds, and the first write error, if any.
    var recordingSummary: (path: String, seconds: Double, failure: String?)? {
        recording.withLockedValue { $0.map { ($0.writer.path, Double($0.samples) / 48_000, $0.failure) } }
    }

    private func handle(_ event: TRTCEvent) {
        figures.withLockedValue { $0.apply(event) }
        if case .exitRoom = event { finishRecording() }
        // The periodic callbacks live in the status figures only, so the log grows with real events alone.
        guard let text = CallbackText.line(for: event) else { return }
        log.withLockedValue { $0.append(event) }
        console.line("[\(name)] \(text)")
    }

    /// Writes the recording's final sizes and closes it (done by itself on `onExitRoom`).
    func finishRecording() {
        recording.withLockedValue { recording in
            guard recording != nil else { return }
            do {
                try recording?.writer.finish()
            } catch {
                if recording?.failure == nil { recording?.failure = "\(error)" }
            }
        }
    }

    // MARK: TRTCAudioFrameDelegate (engine threads)

    func onMixedPlayAudioFrame(_ frame: TRTCAudioFrame) {
        recording.withLockedValue { recording in
            guard recording != nil, recording?.failure == nil else { return }
            do {
                try recording?.writer.append(frame.samples)
                recording?.samples += frame.samples.count
            } catch {
                recording?.failure = "\(error)"
            }
        }
    }

    func onRemoteUserAudioFrame(_ frame: TRTCAudioFrame, userId: String) {
        guard keepsRemoteAudio else { return }
        let samples = frame.samples
        let limit = Self.keptSeconds * frame.sampleRate * frame.channels
        remoteAudio.withLockedValue { audio in
            audio[userId, default: []] += samples
            if let count = audio[userId]?.count, count > limit { audio[userId]?.removeFirst(count - limit) }
        }
    }
}

/// A WAV file being written from the playout thread, with what was written and the first failure.
/// Unchecked: it lives in `RoomClient`'s lock and its writer is used only inside it.
struct WAVRecording: @unchecked Sendable {
    /// The open file.
    let writer: WAVWriter
    /// Samples written.
    var samples = 0
    /// The first write error; writing stops at it.
    var failure: String?
}
