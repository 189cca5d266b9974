import Foundation
import RTCEngine

/// Sends a sine through custom capture in real time (20 ms frames, 48 kHz mono) until cancelled or `duration` has passed.
func sendTone(_ cloud: TRTCCloud, frequency: Double, duration: Duration) async {
    let perFrame = 960
    let start = ContinuousClock.now
    var frame = 0
    while !Task.isCancelled, ContinuousClock.now - start < duration {
        let samples = (0..<perFrame).map { i in
            Int16(9000 * sin(2 * Double.pi * frequency * Double(frame * perFrame + i) / 48_000))
        }
        cloud.sendCustomAudioData(TRTCAudioFrame(samples: samples, sampleRate: 48_000, channels: 1))
        frame += 1
        try? await Task.sleep(until: start + .milliseconds(20 * frame))
    }
}

/// Whether a received frame carries signal: its RMS is well above silence (the tone's is ≈ 6,400).
func hasSignal(_ frame: [Int16]) -> Bool {
    guard !frame.isEmpty else { return false }
    let energy = frame.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(frame.count)
    return energy.squareRoot() > 1000
}

/// The share of frames with signal, 0…1.
func continuity(_ frames: [[Int16]]) -> Double {
    guard !frames.isEmpty else { return 0 }
    return Double(frames.filter(hasSignal).count) / Double(frames.count)
}

