import RTCEngine

/// Sends a sine through custom capture in real time until the returned task is cancelled.
func startTone(_ cloud: TRTCCloud, frequency: Double) -> Task<Void, Never> {
    Task {
        while !Task.isCancelled {
            try? await sendTone(cloud, frequency: frequency, duration: .milliseconds(500))
        }
    }
}

extension CloudRecorder {
    /// The position of the first event equal to `event`, if any.
    func index(of event: TRTCEvent) -> Int? { events.firstIndex(of: event) }

    /// Waits until `condition` holds, checking every 20 ms.
    func wait(until description: String, timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw RecorderTimeout(description: "no \(description) within \(timeout); got \(events)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
