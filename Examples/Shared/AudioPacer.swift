import Foundation
import RTCEngine

/// Sends custom capture in real time: one 20 ms frame every 20 ms, paced against the clock (not
/// the sum of sleeps), as a microphone would deliver it.
public enum AudioPacer {
    /// Calls `cloud.sendCustomAudioData` with mono frames from `next` (given the samples per frame)
    /// for `duration`, in the caller's isolation.
    public static func send(
        to cloud: TRTCCloud, for duration: Duration, sampleRate: Int = 48_000,
        isolation: isolated (any Actor)? = #isolation, next: (Int) -> [Int16]
    ) async {
        await pace(for: duration) {
            let samples = next(sampleRate / 50)
            cloud.sendCustomAudioData(
                TRTCAudioFrame(samples: samples, sampleRate: sampleRate, channels: 1, timestamp: cloud.generateCustomPTS()))
        }
    }

    /// Runs `tick` every 20 ms for `duration` or until the task is cancelled, on schedule (a late
    /// tick is followed by a prompt one), in the caller's isolation.
    public static func pace(
        for duration: Duration, isolation: isolated (any Actor)? = #isolation, tick: () -> Void
    ) async {
        let clock = ContinuousClock()
        let start = clock.now
        let ticks = Int(duration / .milliseconds(20))
        for index in 0..<ticks where !Task.isCancelled {
            tick()
            try? await clock.sleep(until: start + .milliseconds(20 * (index + 1)))
        }
    }
}

extension AudioPacer {
    /// Starts sending a tone through `cloud`'s custom capture in the background for up to `duration`;
    /// cancel the task to stop earlier.
    public static func startTone(
        to cloud: TRTCCloud, frequency: Double, amplitude: Double = 9000, for duration: Duration = .seconds(30)
    ) -> Task<Void, Never> {
        Task.detached {
            var tone = ToneGenerator(frequency: frequency, amplitude: amplitude)
            await send(to: cloud, for: duration) { tone.next($0) }
        }
    }
}
