import Foundation
import Testing
import RTCAudio

@Suite struct LevelMeterTests {
    @Test func silenceReadsAsTheFloor() {
        var meter = LevelMeter()
        #expect(meter.dbfs == LevelMeter.floorDBFS && meter.volume == 0 && meter.audioLevel == 127)
        meter.add([Int16](repeating: 0, count: 480))
        #expect(meter.dbfs == LevelMeter.floorDBFS && meter.volume == 0 && meter.audioLevel == 127)
    }

    @Test func fullScaleSquareIsZeroDBFS() {
        var meter = LevelMeter()
        meter.add((0..<480).map { $0 % 2 == 0 ? Int16.max : Int16.min })
        #expect(abs(meter.dbfs) < 0.01)
        #expect(meter.volume == 100 && meter.audioLevel == 0)
    }

    @Test func sineLevelsFollowTheirAmplitude() {
        // A sine of peak A has RMS A/√2: 20·log10(A/√2/32768) dBFS.
        for (amplitude, expected) in [(32767.0, -3.01), (3276.7, -23.01), (327.67, -43.01)] {
            var meter = LevelMeter()
            meter.add(Signals.sine(frequency: 1000, amplitude: amplitude, sampleRate: 48000, count: 4800))
            #expect(abs(meter.dbfs - expected) < 0.1, "\(meter.dbfs) dBFS for amplitude \(amplitude)")
            #expect(meter.audioLevel == UInt8((-expected).rounded()))
            #expect(meter.volume == Int(((expected + 60) / 60 * 100).rounded()))
        }
    }

    @Test func resetStartsANewInterval() {
        var meter = LevelMeter()
        meter.add([Int16](repeating: 10000, count: 100))
        meter.reset()
        meter.add([Int16](repeating: 100, count: 100))
        #expect(abs(meter.dbfs - 20 * log10(100.0 / 32768)) < 0.01)
    }
}
