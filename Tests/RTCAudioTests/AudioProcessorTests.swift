import Foundation
import Testing
import RTCAudio

/// Runs `near` (and `far`, when given) through `processor` 10 ms at a time; returns the processed near end
/// and, per frame, whether the processor reported voice.
func process(
    _ processor: AudioProcessor, near: [Int16], far: [Int16]? = nil
) throws -> (output: [Int16], voice: [Bool]) {
    let frame = processor.configuration.frameLength
    var output: [Int16] = []
    var voice: [Bool] = []
    output.reserveCapacity(near.count)
    for start in stride(from: 0, to: near.count - frame + 1, by: frame) {
        if let far { try processor.analyzeFarEnd(Array(far[start..<start + frame])) }
        var chunk = Array(near[start..<start + frame])
        try processor.processNearEnd(&chunk)
        output += chunk
        voice.append(processor.hasVoice)
    }
    return (output, voice)
}

@Suite struct AudioProcessorTests {
    /// The room: the loudspeaker's sound comes back 40 ms later at −10 dB, plus a weaker reflection at 47 ms.
    func echo(of far: [Int16], sampleRate rate: Int) -> [Int16] {
        let delay = rate * 40 / 1000, reflection = rate * 47 / 1000
        return (0..<far.count).map { (n: Int) -> Int16 in
            let direct: Double = n >= delay ? 0.3 * Double(far[n - delay]) : 0
            let reflected: Double = n >= reflection ? 0.1 * Double(far[n - reflection]) : 0
            return Int16(direct + reflected)
        }
    }

    /// Echo return loss enhancement in dB, second by second over the last three of ten seconds.
    func cancelEcho(of far: [Int16], sampleRate rate: Int) throws -> (erle: [Double], metrics: EchoCancellerMetrics?) {
        let processor = try AudioProcessor(
            AudioProcessorConfiguration(
                sampleRate: rate, echoCancellation: .moderate, noiseSuppression: nil, voiceDetection: nil))
        try processor.setStreamDelay(milliseconds: 40)
        let near = echo(of: far, sampleRate: rate)
        let output = try process(processor, near: near, far: far).output
        let erle = (7..<10).map { second in
            let range = (rate * second)..<(rate * (second + 1))
            return 10 * log10(Signals.energy(near[range]) / max(1, Signals.energy(output[range])))
        }
        return (erle, processor.echoMetrics)
    }

    @Test(arguments: [48000, 16000])
    func echoOfWhiteNoiseIsCancelled(sampleRate rate: Int) throws {
        let far = Signals.whiteNoise(amplitude: 8000, count: rate * 10, seed: 1)
        let (erle, metrics) = try cancelEcho(of: far, sampleRate: rate)
        #expect(erle.allSatisfy { $0 >= 10 }, "ERLE per second \(erle) dB")
        #expect(metrics?.delayMedianMilliseconds != nil)
    }

    @Test(arguments: [48000, 16000])
    func echoOfSpeechLikeSoundIsCancelled(sampleRate rate: Int) throws {
        // Noise in syllable-rate bursts with pauses: the far end of a conversation.
        let noise = Signals.whiteNoise(amplitude: 12000, count: rate * 10, seed: 5)
        let far = noise.indices.map { n -> Int16 in
            let t = Double(n) / Double(rate)
            let envelope = max(0, sin(2 * .pi * 3 * t)) * (0.6 + 0.4 * sin(2 * .pi * 0.37 * t))
            return Int16(Double(noise[n]) * envelope)
        }
        let (erle, metrics) = try cancelEcho(of: far, sampleRate: rate)
        #expect(erle.allSatisfy { $0 >= 10 }, "ERLE per second \(erle) dB")
        // The canceller measures the room we built: about 10 dB of echo return loss.
        let erl = try #require(metrics?.echoReturnLoss)
        #expect((7...13).contains(erl), "ERL \(erl) dB")
    }

    @Test func stereoEchoIsCancelled() throws {
        let rate = 48000
        let processor = try AudioProcessor(
            AudioProcessorConfiguration(sampleRate: rate, channels: 2, noiseSuppression: nil, voiceDetection: nil))
        let left = Signals.whiteNoise(amplitude: 8000, count: rate * 10, seed: 1)
        let right = Signals.whiteNoise(amplitude: 8000, count: rate * 10, seed: 2)
        let near = Signals.interleave([echo(of: left, sampleRate: rate), echo(of: right, sampleRate: rate)])
        let output = try process(processor, near: near, far: Signals.interleave([left, right])).output
        let tail = (2 * rate * 7)...
        let erle = 10 * log10(Signals.energy(near[tail]) / max(1, Signals.energy(output[tail])))
        #expect(erle >= 10, "ERLE \(erle) dB")
    }

    @Test func whiteNoiseIsSuppressed() throws {
        let rate = 48000
        let noise = Signals.whiteNoise(amplitude: 1000, count: rate * 4, seed: 2)
        var reductions: [NoiseSuppressionLevel: Double] = [:]
        for level in NoiseSuppressionLevel.allCases {
            let processor = try AudioProcessor(
                AudioProcessorConfiguration(
                    echoCancellation: nil, noiseSuppression: level, voiceDetection: nil, highPassFilter: false))
            let output = try process(processor, near: noise).output
            let tail = (rate * 2)...
            reductions[level] = 10 * log10(Signals.energy(noise[tail]) / max(1, Signals.energy(output[tail])))
            #expect(processor.speechProbability != nil)
        }
        let ordered = NoiseSuppressionLevel.allCases.map { reductions[$0] ?? 0 }
        #expect(ordered[0] >= 5, "NS reduction per level \(ordered) dB")
        #expect(ordered == ordered.sorted(), "NS reduction per level \(ordered) dB")
        #expect(ordered[3] >= 15, "NS reduction per level \(ordered) dB")
    }

    @Test func voiceDetectionSeparatesSpeechFromSilence() throws {
        let rate = 16000
        let quiet = Signals.whiteNoise(amplitude: 20, count: rate, seed: 3)
        let speech = Signals.speechLike(sampleRate: rate, count: rate)
        let processor = try AudioProcessor(
            AudioProcessorConfiguration(sampleRate: rate, echoCancellation: nil, noiseSuppression: nil, voiceDetection: .low))
        let voice = try process(processor, near: quiet + speech + quiet).voice
        let share = { (range: Range<Int>) in Double(voice[range].filter { $0 }.count) / Double(range.count) }
        #expect(share(100..<200) >= 0.8)
        #expect(share(10..<100) <= 0.1)
        #expect(share(210..<300) <= 0.1)
    }

    @Test func gainControlRaisesQuietSpeech() throws {
        let rate = 48000
        let speech = Signals.speechLike(sampleRate: rate, count: rate * 4, amplitude: 400)
        let processor = try AudioProcessor(
            AudioProcessorConfiguration(
                echoCancellation: nil, noiseSuppression: nil, gainControl: GainControlSettings(compressionGainDB: 15),
                voiceDetection: nil))
        let output = try process(processor, near: speech).output
        let tail = (rate * 2)...
        let gain = Signals.decibels(Signals.rms(output[tail]), over: Signals.rms(speech[tail]))
        #expect(gain >= 3, "AGC gain \(gain) dB")
    }

    @Test func everyComponentOffPassesAudioThroughUnchanged() throws {
        let processor = try AudioProcessor(
            AudioProcessorConfiguration(
                channels: 2, echoCancellation: nil, noiseSuppression: nil, voiceDetection: nil, highPassFilter: false))
        let input = Signals.whiteNoise(amplitude: 32767, count: 960 * 50, seed: 4)
        #expect(try process(processor, near: input).output == input)
    }

    @Test func invalidArgumentsThrow() throws {
        #expect(throws: AudioError.invalidArgument(what: "audio processing sample rate", value: 44100)) {
            try AudioProcessor(AudioProcessorConfiguration(sampleRate: 44100))
        }
        #expect(throws: AudioError.invalidArgument(what: "audio processing channel count", value: 3)) {
            try AudioProcessor(AudioProcessorConfiguration(channels: 3))
        }
        #expect(throws: AudioError.invalidArgument(what: "AGC target level dBFS", value: 40)) {
            try AudioProcessor(AudioProcessorConfiguration(gainControl: GainControlSettings(targetLevelDBFS: 40)))
        }
        let processor = try AudioProcessor()
        var short = [Int16](repeating: 0, count: 479)
        #expect(throws: AudioError.invalidArgument(what: "10 ms frame length", value: 479)) {
            try processor.processNearEnd(&short)
        }
        #expect(throws: AudioError.invalidArgument(what: "10 ms frame length", value: 960)) {
            try processor.analyzeFarEnd([Int16](repeating: 0, count: 960))
        }
        #expect(throws: AudioError.invalidArgument(what: "stream delay ms", value: 501)) {
            try processor.setStreamDelay(milliseconds: 501)
        }
    }

    @Test func reconfigureChangesFormatAndComponents() throws {
        let processor = try AudioProcessor()
        #expect(processor.speechProbability != nil)
        try processor.reconfigure(
            AudioProcessorConfiguration(
                sampleRate: 16000, echoCancellation: nil, noiseSuppression: nil, voiceDetection: nil,
                highPassFilter: false))
        #expect(processor.configuration.frameLength == 160)
        #expect(processor.speechProbability == nil)
        #expect(processor.echoMetrics == nil)
        let input = Signals.speechLike(sampleRate: 16000, count: 16000)
        #expect(try process(processor, near: input).output == input)
    }
}

@Suite struct AudioProcessorConcurrencyTests {
    @Test func farAndNearEndMayComeFromDifferentThreads() async throws {
        let processor = try AudioProcessor(AudioProcessorConfiguration(sampleRate: 16000))
        let far = Signals.whiteNoise(amplitude: 5000, count: 160 * 300, seed: 8)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for start in stride(from: 0, to: far.count, by: 160) { try processor.analyzeFarEnd(Array(far[start..<start + 160])) }
            }
            group.addTask {
                for start in stride(from: 0, to: far.count, by: 160) {
                    var frame = Array(far[start..<start + 160].map { $0 / 4 })
                    try processor.processNearEnd(&frame)
                }
            }
            try await group.waitForAll()
        }
        #expect(processor.configuration.sampleRate == 16000)
    }
}
