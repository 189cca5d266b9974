/// The formats and ranges libopus accepts, checked before any call so errors name the bad value.
enum OpusLimits {
    static let sampleRates: Set<Int> = [8000, 12000, 16000, 24000, 48000]
    static let bitrates = 6000...510_000
    static let complexities = 0...10
    static let lossPercents = 0...100
    /// The longest packet libopus decodes: 120 ms.
    static let maximumPacketMilliseconds = 120

    static func checkFormat(sampleRate: Int, channels: Int) throws(AudioError) {
        guard sampleRates.contains(sampleRate) else {
            throw .invalidArgument(what: "Opus sample rate", value: sampleRate)
        }
        guard channels == 1 || channels == 2 else {
            throw .invalidArgument(what: "Opus channel count", value: channels)
        }
    }

    static func check(_ value: Int, in range: ClosedRange<Int>, _ what: String) throws(AudioError) {
        guard range.contains(value) else { throw .invalidArgument(what: what, value: value) }
    }

    /// Turns a libopus return value into a count, or throws its error code.
    static func result(_ code: Int32, _ operation: String) throws(AudioError) -> Int {
        guard code >= 0 else { throw .codec(operation: operation, code: Int(code)) }
        return Int(code)
    }
}
