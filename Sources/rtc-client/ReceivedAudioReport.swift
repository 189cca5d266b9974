import Foundation
import RTCAudio
import RTCEngine

/// What a listener received from one talker: the detected pitch against the one sent, the level and the loss.
struct ReceivedAudioReport: Sendable {
    /// The talker.
    let userId: String
    /// The tone the talker sent, in Hz.
    let sentFrequency: Double
    /// The dominant frequency of the received audio, nil when nothing audible arrived.
    let detectedFrequency: Double?
    /// The RMS level of the received audio in dBFS.
    let levelDBFS: Double
    /// The listener's last measured packet loss from this talker, percent.
    let lossPercent: Int
    /// The largest relative pitch error accepted.
    static let tolerance = 0.03

    /// Analyses the last seconds `listener` kept of `userId`'s audio.
    init(listener: RoomClient, userId: String, sentFrequency: Double) {
        let audio = listener.receivedAudio(from: userId)
        var meter = LevelMeter()
        meter.add(audio)
        self.userId = userId
        self.sentFrequency = sentFrequency
        detectedFrequency = PitchDetector.dominantFrequency(of: audio, sampleRate: 48_000)
        levelDBFS = meter.dbfs
        lossPercent = listener.statistics.remoteStatistics.first { $0.userId == userId }?.audioPacketLoss ?? 0
    }

    /// The relative error of the detected pitch, nil when none was detected.
    var pitchError: Double? { detectedFrequency.map { abs($0 - sentFrequency) / sentFrequency } }

    /// Whether the tone arrived: a pitch within `tolerance` of the one sent.
    var arrived: Bool { (pitchError ?? 1) <= Self.tolerance }

    /// One line, e.g. `talker-a: sent 440 Hz, detected 440.0 Hz (0.0 % off), level -14.1 dBFS, loss 0 %  OK`.
    var line: String {
        let detected = detectedFrequency.map { String(format: "%.1f Hz (%.1f %% off)", $0, (pitchError ?? 0) * 100) } ?? "nothing"
        return "\(userId): sent \(Int(sentFrequency)) Hz, detected \(detected), level "
            + String(format: "%.1f dBFS", levelDBFS) + ", loss \(lossPercent) %  " + (arrived ? "OK" : "MISSING")
    }
}
