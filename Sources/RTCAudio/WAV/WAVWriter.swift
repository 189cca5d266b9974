import Foundation

/// Writes a 16-bit PCM WAV file as audio arrives (recordings of any length up to RIFF's 4 GiB);
/// owns the open file. `finish()` fills in the sizes; until then the header says "size unknown".
///
/// Not thread-safe: use it from one thread at a time.
public final class WAVWriter {
    /// Frames per second.
    public let sampleRate: Int
    /// 1 (mono) or 2 (stereo).
    public let channels: Int
    /// The file being written.
    public let path: String
    /// Sample bytes written so far.
    public private(set) var dataBytes = 0
    private var handle: FileHandle?
    private var scratch: [UInt8] = []

    /// Creates (or truncates) the file at `path` and writes its header.
    public init(path: String, sampleRate: Int, channels: Int) throws(AudioError) {
        try WAVFormat.check(sampleRate: sampleRate, channels: channels)
        self.sampleRate = sampleRate
        self.channels = channels
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw .fileAccess(path: path, reason: "cannot create the file")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            self.handle = handle
            var header = try WAVFormat.header(sampleRate: sampleRate, channels: channels, dataBytes: 0)
            header.replaceSubrange(4..<8, with: [0xFF, 0xFF, 0xFF, 0xFF])  // size unknown until finish()
            header.replaceSubrange(40..<44, with: [0xFF, 0xFF, 0xFF, 0xFF])
            try handle.write(contentsOf: header)
        } catch let error as AudioError {
            throw error
        } catch {
            throw .fileAccess(path: path, reason: "\(error)")
        }
    }

    deinit { try? handle?.close() }

    /// Appends interleaved samples (whole frames).
    public func append(_ samples: UnsafeBufferPointer<Int16>) throws(AudioError) {
        guard let handle else { throw .fileAccess(path: path, reason: "already finished") }
        guard samples.count % channels == 0 else {
            throw .invalidArgument(what: "WAV sample count (not whole frames)", value: samples.count)
        }
        guard dataBytes + samples.count * 2 <= Int(UInt32.max) - (WAVFormat.headerSize - 8) else {
            throw .invalidArgument(what: "WAV data bytes (RIFF holds < 4 GiB)", value: dataBytes + samples.count * 2)
        }
        scratch.removeAll(keepingCapacity: true)
        for sample in samples {
            let bits = UInt16(bitPattern: sample)
            scratch.append(UInt8(truncatingIfNeeded: bits))
            scratch.append(UInt8(truncatingIfNeeded: bits >> 8))
        }
        do {
            try handle.write(contentsOf: scratch)
        } catch {
            throw .fileAccess(path: path, reason: "\(error)")
        }
        dataBytes += samples.count * 2
    }

    /// Appends interleaved samples (whole frames).
    public func append(_ samples: [Int16]) throws(AudioError) {
        try samples.withUnsafeBufferPointer { buffer throws(AudioError) in try append(buffer) }
    }

    /// Writes the final sizes into the header and closes the file; later appends throw.
    public func finish() throws(AudioError) {
        guard let handle else { return }
        self.handle = nil
        do {
            defer { try? handle.close() }
            try handle.seek(toOffset: 4)
            try handle.write(contentsOf: withUnsafeBytes(of: UInt32(WAVFormat.headerSize - 8 + dataBytes).littleEndian) { Data($0) })
            try handle.seek(toOffset: 40)
            try handle.write(contentsOf: withUnsafeBytes(of: UInt32(dataBytes).littleEndian) { Data($0) })
        } catch {
            throw .fileAccess(path: path, reason: "\(error)")
        }
    }
}
