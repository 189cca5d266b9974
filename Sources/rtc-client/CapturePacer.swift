import Foundation
import RTCEngine
import NIOConcurrencyHelpers

/// Feeds an audio source to `sendCustomAudioData` in real time: one 20 ms frame per 20 ms of the
/// continuous clock, on deadlines (late frames are caught up, a stall of more than 200 ms is skipped).
final class CapturePacer: Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// Starts sending `source` to `cloud`.
    init(cloud: TRTCCloud, source: some AudioSource) {
        let period = Duration.milliseconds(20)
        let sending = Task { [source] in
            var source = source
            let clock = ContinuousClock()
            var deadline = clock.now
            while !Task.isCancelled {
                let frame = source.nextFrame()
                frame.timestamp = cloud.generateCustomPTS()
                cloud.sendCustomAudioData(frame)
                deadline += period
                if clock.now - deadline > .milliseconds(200) { deadline = clock.now }
                try? await clock.sleep(until: deadline)
            }
        }
        task.withLockedValue { $0 = sending }
    }

    /// Stops sending and waits for the sending task to end.
    func stop() async {
        guard let sending = task.withLockedValue({ $0.take() }) else { return }
        sending.cancel()
        await sending.value
    }
}
