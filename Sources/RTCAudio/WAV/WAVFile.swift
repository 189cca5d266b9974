import Foundation

/// A whole WAV file of 16-bit PCM (RIFF/WAVE, mono or stereo, any rate), read and written in memory.
///
/// Reading checks every field and chunk bound and throws `AudioError` for anything else; it never
/// reads past the bytes given, and a file is read only up to a size limit.
public struct WAVFile: Sendable, Equatable {
    /// Frames per second.
    public var sampleRate: Int
    /// 1 (mono) or 2 (stereo).
    public var channels: Int
    /// Interleaved samples (left, right, left, … for stereo).
    public var samples: [Int16]

    /// The default limit for reading a file whole: 256 MiB (about 46 minutes of 48 kHz stereo).
    public static let defaultMaximumBytes = 256 << 20

    /// Audio to write; throws `AudioError.invalidArgument` for a rate, channel count or sample count that cannot be stored.
    public init(sampleRate: Int, channels: Int, samples: [Int16]) throws(AudioError) {
        try WAVFormat.check(sampleRate: sampleRate, channels: channels)
        guard samples.count % channels == 0 else {
            throw .invalidArgument(what: "WAV sample count (not whole frames)", value: samples.count)
        }
        self.sampleRate = sampleRate
        self.channels = channels
        self.samples = samples
    }

    /// Parses the bytes of a WAV file.
    public init(bytes: [UInt8]) throws(AudioError) {
        let reader = WAVReader(bytes: bytes)
        let format = try reader.readFormatAndData()
        self.sampleRate = format.sampleRate
        self.channels = format.channels
        self.samples = format.samples
    }

    /// Reads and parses the WAV file at `path`, refusing files larger than `maximumBytes`.
    public init(contentsOf path: String, maximumBytes: Int = defaultMaximumBytes) throws(AudioError) {
        let bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            bytes = Array(try handle.read(upToCount: maximumBytes + 1) ?? Data())
        } catch {
            throw .fileAccess(path: path, reason: "\(error)")
        }
        guard bytes.count <= maximumBytes else { throw .fileTooLarge(bytes: bytes.count, limit: maximumBytes) }
        try self.init(bytes: bytes)
    }

    /// Frames (samples per channel).
    public var frameCount: Int { samples.count / channels }

    /// The canonical 44-byte-header encoding of the file.
    public func encoded() throws(AudioError) -> [UInt8] {
        var bytes = try WAVFormat.header(sampleRate: sampleRate, channels: channels, dataBytes: samples.count * 2)
        bytes.reserveCapacity(bytes.count + samples.count * 2)
        for sample in samples {
            let bits = UInt16(bitPattern: sample)
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
        }
        return bytes
    }

    /// Writes the file to `path`, replacing any file there.
    public func write(to path: String) throws(AudioError) {
        let bytes = try encoded()
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .fileAccess(path: path, reason: "\(error)")
        }
    }
}
