import Testing
import RTCAudio

@Suite struct AudioMixerTests {
    @Test func sumsStreamsWithTheirGains() throws {
        var mixer = try AudioMixer(frameLength: 4)
        try mixer.add([100, -200, 300, 0])
        try mixer.add([10, 20, -30, 1000], gainPercent: 50)
        try mixer.add([1, 1, 1, 1], gainPercent: 0)
        #expect(mixer.sourceCount == 3)
        #expect(mixer.render() == [105, -190, 285, 500])
    }

    @Test func loudSumsSaturateInsteadOfWrapping() throws {
        let loud = [Int16](repeating: 30000, count: 8)
        let mixed = try AudioMixer.mix([(loud, 100), (loud, 150), (loud.map { -$0 }, 10)])
        #expect(mixed == [Int16](repeating: .max, count: 8))
        let negative = try AudioMixer.mix([(loud.map { -$0 }, 150), (loud.map { -$0 }, 150)])
        #expect(negative == [Int16](repeating: .min, count: 8))
    }

    @Test func unityGainOfOneStreamIsExact() throws {
        let input = Signals.whiteNoise(amplitude: 32767, count: 960, seed: 9) + [.min, .max]
        var mixer = try AudioMixer(frameLength: input.count)
        try mixer.add(input)
        var output = [Int16](repeating: 0, count: input.count)
        try output.withUnsafeMutableBufferPointer { try mixer.render(into: $0) }
        #expect(output == input)
    }

    @Test func clearStartsANewFrameAndShortInputsArePadded() throws {
        var mixer = try AudioMixer(frameLength: 3)
        try mixer.add([5, 5, 5])
        mixer.clear()
        #expect(mixer.sourceCount == 0)
        try mixer.add([7])
        #expect(mixer.render() == [7, 0, 0])
    }

    @Test func invalidArgumentsThrow() throws {
        #expect(throws: AudioError.invalidArgument(what: "mixer frame length", value: 0)) { try AudioMixer(frameLength: 0) }
        var mixer = try AudioMixer(frameLength: 2)
        #expect(throws: AudioError.invalidArgument(what: "mixer gain %", value: 151)) { try mixer.add([1, 2], gainPercent: 151) }
        #expect(throws: AudioError.invalidArgument(what: "mixer gain %", value: -1)) { try mixer.add([1, 2], gainPercent: -1) }
        #expect(throws: AudioError.invalidArgument(what: "mixer input length", value: 3)) { try mixer.add([1, 2, 3]) }
        var output = [Int16](repeating: 0, count: 3)
        #expect(throws: AudioError.invalidArgument(what: "mixer output length", value: 3)) {
            try output.withUnsafeMutableBufferPointer { try mixer.render(into: $0) }
        }
    }
}
