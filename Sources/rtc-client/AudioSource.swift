import Foundation
import RTCAudio
import RTCEngine

/// Audio to publish through custom capture, one 20 ms frame at a time.
protocol AudioSource: Sendable {
    /// A line saying what is played, for the log.
    var description: String { get }
    /// The next 20 ms of audio.
    mutating func nextFrame() -> TRTCAudioFrame
}

/// A sine tone at 48 kHz mono, continuous in phase from frame to frame.
struct ToneSource: AudioSource {
    /// The tone's frequency in Hz.
    let frequency: Double
    /// Peak amplitude (9000 ≈ −11 dBFS: loud, far from clipping).
    let amplitude: Double
    private let sampleRate = 48_000
    private var phase = 0.0

    /// A tone of `frequency` Hz.
    init(frequency: Double, amplitude: Double = 9000) {
        self.frequency = frequency
        self.amplitude = amplitude
    }

    var description: String { "a \(Int(frequency.rounded())) Hz tone" }

    mutating func nextFrame() -> TRTCAudioFrame {
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        var samples = [Int16](repeating: 0, count: sampleRate / 50)
        for i in samples.indices {
            samples[i] = Int16(amplitude * sin(phase))
            phase += step
        }
        phase = phase.truncatingRemainder(dividingBy: 2 * Double.pi)
        return TRTCAudioFrame(samples: samples, sampleRate: sampleRate, channels: 1)
    }
}

/// A WAV file played in a loop. Frames keep the file's rate when custom capture accepts it (the
/// engine resamples to the codec's rate); other rates are resampled to 48 kHz once, on loading.
struct WAVLoopSource: AudioSource {
    /// The file played.
    let path: String
    private let samples: [Int16]
    private let sampleRate: Int
    private let channels: Int
    private var position = 0

    /// The rates `sendCustomAudioData` accepts.
    static let captureRates: Set<Int> = [16_000, 24_000, 32_000, 44_100, 48_000]

    /// Loads the file; throws when it is not a 16-bit PCM WAV, is empty, or has more than 2 channels.
    init(path: String) throws {
        let file: WAVFile
        do {
            file = try WAVFile(contentsOf: path)
        } catch {
            throw ClientError.badAudioFile(path: path, reason: "\(error)")
        }
        guard file.frameCount > 0 else { throw ClientError.badAudioFile(path: path, reason: "it holds no audio") }
        guard (1...2).contains(file.channels) else {
            throw ClientError.badAudioFile(path: path, reason: "\(file.channels) channels: 1 or 2 are supported")
        }
        self.path = path
        channels = file.channels
        if Self.captureRates.contains(file.sampleRate) {
            samples = file.samples
            sampleRate = file.sampleRate
        } else {
            do {
                samples = try Resampler(inputRate: file.sampleRate, outputRate: 48_000, channels: file.channels).process(file.samples)
            } catch {
                throw ClientError.badAudioFile(path: path, reason: "\(error)")
            }
            sampleRate = 48_000
        }
    }

    var description: String { "\(path) (\(sampleRate) Hz, \(channels == 1 ? "mono" : "stereo"), looped)" }

    mutating func nextFrame() -> TRTCAudioFrame {
        let wanted = sampleRate / 50 * channels
        var frame = [Int16]()
        frame.reserveCapacity(wanted)
        while frame.count < wanted {
            let take = min(wanted - frame.count, samples.count - position)
            frame += samples[position..<position + take]
            position = (position + take) % samples.count
        }
        return TRTCAudioFrame(samples: frame, sampleRate: sampleRate, channels: channels)
    }
}
