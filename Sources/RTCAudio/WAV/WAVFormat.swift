/// The RIFF/WAVE layout this package writes: a canonical header for 16-bit PCM.
enum WAVFormat {
    static let headerSize = 44
    static let sampleRates = 1...1_000_000

    static func check(sampleRate: Int, channels: Int) throws(AudioError) {
        guard sampleRates.contains(sampleRate) else { throw .invalidArgument(what: "WAV sample rate", value: sampleRate) }
        guard channels == 1 || channels == 2 else { throw .invalidArgument(what: "WAV channel count", value: channels) }
    }

    /// RIFF header, `fmt ` chunk (PCM, 16 bits) and the `data` chunk header for `dataBytes` of samples.
    static func header(sampleRate: Int, channels: Int, dataBytes: Int) throws(AudioError) -> [UInt8] {
        guard dataBytes >= 0, dataBytes <= Int(UInt32.max) - (headerSize - 8) else {
            throw .invalidArgument(what: "WAV data bytes (RIFF holds < 4 GiB)", value: dataBytes)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerSize)
        func append(_ text: String) { bytes += Array(text.utf8) }
        func append32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { bytes += $0 } }
        func append16(_ value: Int) { withUnsafeBytes(of: UInt16(value).littleEndian) { bytes += $0 } }
        append("RIFF")
        append32(headerSize - 8 + dataBytes)
        append("WAVE")
        append("fmt ")
        append32(16)
        append16(1)  // WAVE_FORMAT_PCM
        append16(channels)
        append32(sampleRate)
        append32(sampleRate * channels * 2)
        append16(channels * 2)
        append16(16)
        append("data")
        append32(dataBytes)
        return bytes
    }
}
