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

/// The pitch of the voiced part of a signal, by zero crossings in the 20 ms blocks that carry
/// signal, so that gaps a loaded machine leaves (concealment, silence) do not lower it; and how
/// many seconds of it were voiced.
func voicedFrequency(_ pcm: [Int16], sampleRate: Int = 48_000) -> (frequency: Double, voicedSeconds: Double) {
    let block = sampleRate / 50
    var crossings = 0
    var voicedBlocks = 0
    for start in stride(from: 0, to: pcm.count - block + 1, by: block) {
        let samples = pcm[start..<start + block]
        let energy = samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(block)
        guard energy.squareRoot() > 1000 else { continue }
        voicedBlocks += 1
        var previous = samples.first ?? 0
        for sample in samples.dropFirst() {
            if (previous < 0) != (sample < 0) { crossings += 1 }
            previous = sample
        }
    }
    let seconds = Double(voicedBlocks * block) / Double(sampleRate)
    return (seconds > 0 ? Double(crossings) / 2 / seconds : 0, seconds)
}

extension CloudRecorder {
    /// Waits until `userId`'s audio after its first `start` samples carries `seconds` of signal
    /// (a loaded machine's sender may be slower than real time); returns that part's voiced pitch.
    func waitForSignal(from userId: String, after start: Int, seconds: Double = 0.5, timeout: Duration = .seconds(30)) async throws -> Double {
        let deadline = ContinuousClock.now + timeout
        while true {
            let heard = voicedFrequency(Array(audio(from: userId).dropFirst(start)))
            if heard.voicedSeconds >= seconds { return heard.frequency }
            guard ContinuousClock.now < deadline else {
                throw RecorderTimeout(description: "only \(heard.voicedSeconds) s of \(userId)'s signal within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
