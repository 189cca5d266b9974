/// Walks the chunks of a RIFF/WAVE file with every read bounds-checked.
struct WAVReader {
    private let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// A size field that means "until the end of the file": streaming writers and interrupted recordings leave it.
    private static let unknownSizes: Set<UInt32> = [0, UInt32.max]

    func readFormatAndData() throws(AudioError) -> (sampleRate: Int, channels: Int, samples: [Int16]) {
        guard bytes.count >= 12, tag(at: 0) == "RIFF", tag(at: 8) == "WAVE" else {
            throw .malformedWAV(reason: "not a RIFF/WAVE file")
        }
        var format: (sampleRate: Int, channels: Int)?
        var data: Range<Int>?
        var offset = 12
        while offset + 8 <= bytes.count, format == nil || data == nil {
            let id = tag(at: offset)
            let declared = uint32(at: offset + 4)
            let body = offset + 8
            let remaining = bytes.count - body
            let length: Int
            if id == "data", Self.unknownSizes.contains(declared) {
                length = remaining
            } else if declared <= remaining {
                length = Int(declared)
            } else {
                throw .malformedWAV(reason: "chunk \"\(id)\" declares \(declared) bytes, \(remaining) present")
            }
            switch id {
            case "fmt ": format = try readFormat(body..<(body + length))
            case "data": data = body..<(body + length)
            default: break
            }
            offset = body + length + (length & 1)  // chunks are padded to an even size
        }
        guard let format else { throw .malformedWAV(reason: "no fmt chunk") }
        guard let data else { throw .malformedWAV(reason: "no data chunk") }
        let frameBytes = format.channels * 2
        let usable = data.count - data.count % frameBytes
        var samples = [Int16](repeating: 0, count: usable / 2)
        for index in samples.indices {
            let at = data.lowerBound + 2 * index
            samples[index] = Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)
        }
        return (format.sampleRate, format.channels, samples)
    }

    private func readFormat(_ chunk: Range<Int>) throws(AudioError) -> (sampleRate: Int, channels: Int) {
        guard chunk.count >= 16 else { throw .malformedWAV(reason: "fmt chunk of \(chunk.count) bytes (needs 16)") }
        let start = chunk.lowerBound
        var formatTag = Int(uint16(at: start))
        let channels = Int(uint16(at: start + 2))
        let sampleRate = Int(uint32(at: start + 4))
        let blockAlign = Int(uint16(at: start + 12))
        let bitsPerSample = Int(uint16(at: start + 14))
        if formatTag == 0xFFFE {  // WAVE_FORMAT_EXTENSIBLE: the real format is the sub-format GUID's first two bytes.
            guard chunk.count >= 40 else {
                throw .malformedWAV(reason: "extensible fmt chunk of \(chunk.count) bytes (needs 40)")
            }
            formatTag = Int(uint16(at: start + 24))
        }
        guard formatTag == 1 else { throw .unsupportedWAV(what: "format tag (only PCM)", value: formatTag) }
        guard bitsPerSample == 16 else { throw .unsupportedWAV(what: "bits per sample (only 16)", value: bitsPerSample) }
        guard channels == 1 || channels == 2 else { throw .unsupportedWAV(what: "channel count", value: channels) }
        guard WAVFormat.sampleRates.contains(sampleRate) else {
            throw .malformedWAV(reason: "sample rate \(sampleRate)")
        }
        guard blockAlign == channels * 2 else {
            throw .malformedWAV(reason: "block align \(blockAlign) for \(channels) channel(s) of 16 bits")
        }
        return (sampleRate, channels)
    }

    private func tag(at offset: Int) -> String {
        String(decoding: bytes[offset..<offset + 4].map { (32...126).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    private func uint16(at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func uint32(at offset: Int) -> UInt32 {
        UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
    }
}
