/// Settings of the adaptive digital automatic gain control (webrtc `GainControl`, `kAdaptiveDigital`).
public struct GainControlSettings: Sendable, Equatable {
    /// Target peak level in dB below full scale, 0...31 (3 means −3 dBFS).
    public var targetLevelDBFS: Int
    /// Most gain the compressor may add, 0...90 dB.
    public var compressionGainDB: Int
    /// Keep a limiter after the compressor so peaks never clip.
    public var limiter: Bool

    /// webrtc's defaults: target −3 dBFS, up to 9 dB of gain, limiter on.
    public init(targetLevelDBFS: Int = 3, compressionGainDB: Int = 9, limiter: Bool = true) {
        self.targetLevelDBFS = targetLevelDBFS
        self.compressionGainDB = compressionGainDB
        self.limiter = limiter
    }
}
