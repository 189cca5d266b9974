import Foundation
import PropertyBased
import Testing
import RTCAudio

@Suite struct WAVFileTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rtcaudio-\(UUID().uuidString)-\(name)").path
    }

    @Test func roundTripsThroughAFile() throws {
        let path = Self.temporaryPath("stereo.wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let audio = try WAVFile(sampleRate: 44100, channels: 2, samples: Signals.whiteNoise(amplitude: 32767, count: 882, seed: 3))
        try audio.write(to: path)
        #expect(try WAVFile(contentsOf: path) == audio)
        #expect(audio.frameCount == 441)
        let bytes = try audio.encoded()
        #expect(bytes.count == 44 + 882 * 2)
        #expect(Array(bytes[0..<4]) == Array("RIFF".utf8) && Array(bytes[36..<40]) == Array("data".utf8))
    }

    @Test func readsChunksItDoesNotKnowAndOddPadding() throws {
        let audio = try WAVFile(sampleRate: 8000, channels: 1, samples: [1, -2, 3])
        var bytes = try audio.encoded()
        // Insert a 3-byte LIST chunk (padded to 4) between fmt and data.
        bytes.insert(contentsOf: Array("LIST".utf8) + [3, 0, 0, 0, 0x61, 0x62, 0x63, 0], at: 36)
        #expect(try WAVFile(bytes: bytes) == audio)
    }

    @Test func streamingWriterFillsInTheSizes() throws {
        let path = Self.temporaryPath("stream.wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try WAVWriter(path: path, sampleRate: 48000, channels: 1)
        let first = Signals.sine(frequency: 440, amplitude: 8000, sampleRate: 48000, count: 960)
        try writer.append(first)
        // Before finish() the header says "size unknown"; readers take the data to the end of the file.
        #expect(try WAVFile(contentsOf: path).samples == first)
        try writer.append(first)
        try writer.finish()
        #expect(throws: AudioError.fileAccess(path: path, reason: "already finished")) { try writer.append(first) }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes[40..<44].elementsEqual([0x00, 0x0F, 0x00, 0x00]))  // 3840 bytes
        #expect(try WAVFile(bytes: bytes).samples == first + first)
    }

    @Test func badFilesThrowClearErrors() throws {
        let good = try WAVFile(sampleRate: 16000, channels: 1, samples: [1, 2, 3, 4]).encoded()
        #expect(throws: AudioError.malformedWAV(reason: "not a RIFF/WAVE file")) { try WAVFile(bytes: Array("hello world!".utf8)) }
        #expect(throws: AudioError.malformedWAV(reason: "not a RIFF/WAVE file")) { try WAVFile(bytes: []) }
        #expect(throws: AudioError.malformedWAV(reason: "no data chunk")) { try WAVFile(bytes: Array(good[0..<36])) }
        #expect(throws: AudioError.malformedWAV(reason: #"chunk "data" declares 8 bytes, 6 present"#)) {
            try WAVFile(bytes: Array(good.dropLast(2)))
        }
        var eightBit = good
        eightBit[34] = 8
        #expect(throws: AudioError.unsupportedWAV(what: "bits per sample (only 16)", value: 8)) { try WAVFile(bytes: eightBit) }
        var float = good
        float[20] = 3
        #expect(throws: AudioError.unsupportedWAV(what: "format tag (only PCM)", value: 3)) { try WAVFile(bytes: float) }
        var sixChannels = good
        sixChannels[22] = 6
        #expect(throws: AudioError.unsupportedWAV(what: "channel count", value: 6)) { try WAVFile(bytes: sixChannels) }
        var badAlign = good
        badAlign[32] = 4
        #expect(throws: AudioError.malformedWAV(reason: "block align 4 for 1 channel(s) of 16 bits")) { try WAVFile(bytes: badAlign) }
        var hugeChunk = good
        hugeChunk.replaceSubrange(16..<20, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: AudioError.malformedWAV(reason: #"chunk "fmt " declares 2147483647 bytes, 32 present"#)) { try WAVFile(bytes: hugeChunk) }
    }

    @Test func fileLimitsAndMissingFilesThrow() throws {
        let path = Self.temporaryPath("big.wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try WAVFile(sampleRate: 8000, channels: 1, samples: [Int16](repeating: 0, count: 1000)).write(to: path)
        #expect(throws: AudioError.fileTooLarge(bytes: 1001, limit: 1000)) { try WAVFile(contentsOf: path, maximumBytes: 1000) }
        #expect(throws: AudioError.self) { try WAVFile(contentsOf: "/nonexistent/dir/x.wav") }
        #expect(throws: AudioError.invalidArgument(what: "WAV channel count", value: 3)) {
            try WAVFile(sampleRate: 8000, channels: 3, samples: [])
        }
        #expect(throws: AudioError.invalidArgument(what: "WAV sample count (not whole frames)", value: 3)) {
            try WAVFile(sampleRate: 8000, channels: 2, samples: [1, 2, 3])
        }
    }

    @Test func anyBytesParseOrThrowWithoutTrapping() async {
        let header = (try? WAVFile(sampleRate: 48000, channels: 2, samples: [1, 2, 3, 4]).encoded()) ?? []
        // Mutations of a valid file reach deeper than random bytes: flip bytes, cut the end.
        let mutations = zip(Gen.int(in: 0...60).array(of: 0...8), Gen.uint8().array(of: 0...8), Gen.int(in: 0...60))
        await propertyCheck(count: 500, input: mutations) { positions, values, cut in
            var bytes = header
            for (position, value) in Swift.zip(positions, values) where position < bytes.count { bytes[position] = value }
            bytes = Array(bytes.prefix(cut))
            do {
                let audio = try WAVFile(bytes: bytes)
                #expect(audio.samples.count * 2 <= bytes.count)
                #expect(audio.samples.count % audio.channels == 0)
            } catch {
                // Throwing is fine; trapping or hanging is not.
            }
        }
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...200)) { bytes in
            _ = try? WAVFile(bytes: Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8) + bytes)
        }
    }

    @Test func anyAudioRoundTrips() async {
        let input = zip(Gen.int(in: 1...192_000), Gen.int(in: 1...2), Gen.int16().array(of: 0...400))
        await propertyCheck(count: 200, input: input) { rate, channels, samples in
            let whole = Array(samples.prefix(samples.count - samples.count % channels))
            guard let audio = try? WAVFile(sampleRate: rate, channels: channels, samples: whole),
                let bytes = try? audio.encoded()
            else {
                Issue.record("valid audio refused")
                return
            }
            #expect((try? WAVFile(bytes: bytes)) == audio)
        }
    }
}
