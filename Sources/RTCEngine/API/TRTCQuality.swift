/// Network quality, best to worst (TRTC's `TRTCQuality`).
public enum TRTCQuality: Int, Sendable, CaseIterable, Comparable {
    /// Not measured yet.
    case unknown = 0
    /// Excellent.
    case excellent = 1
    /// Good.
    case good = 2
    /// Poor: audible degradation possible.
    case poor = 3
    /// Bad: frequent degradation.
    case bad = 4
    /// Very bad: barely usable.
    case vbad = 5
    /// Down: no connection.
    case down = 6

    /// Orders by badness: `.excellent < .good < … < .down`.
    public static func < (lhs: TRTCQuality, rhs: TRTCQuality) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The quality of a path with this loss (0…1), round-trip time and jitter, as TRTC grades it.
    public static func grade(loss: Double, rttMilliseconds: Int, jitterMilliseconds: Int = 0) -> TRTCQuality {
        let score = max(
            loss < 0.01 ? 1 : loss < 0.05 ? 2 : loss < 0.10 ? 3 : loss < 0.20 ? 4 : loss < 0.40 ? 5 : 6,
            rttMilliseconds < 100 ? 1 : rttMilliseconds < 200 ? 2 : rttMilliseconds < 400 ? 3 : rttMilliseconds < 800 ? 4 : 5,
            jitterMilliseconds < 30 ? 1 : jitterMilliseconds < 60 ? 2 : jitterMilliseconds < 120 ? 3 : 4)
        return TRTCQuality(rawValue: score) ?? .unknown
    }
}

/// One user's network quality (TRTC's `TRTCQualityInfo`); an empty `userId` means the local user.
public struct TRTCQualityInfo: Sendable, Equatable {
    /// The user, or "" for yourself.
    public var userId: String
    /// The quality.
    public var quality: TRTCQuality

    /// A quality report.
    public init(userId: String, quality: TRTCQuality) {
        self.userId = userId
        self.quality = quality
    }
}

/// One user's volume (TRTC's `TRTCVolumeInfo`); an empty `userId` means the local user.
public struct TRTCVolumeInfo: Sendable, Equatable {
    /// The user, or "" for yourself.
    public var userId: String
    /// 0…100.
    public var volume: Int
    /// Whether voice activity was detected (when `enableVAD` is on), else false.
    public var vad: Bool

    /// A volume report.
    public init(userId: String, volume: Int, vad: Bool = false) {
        self.userId = userId
        self.volume = volume
        self.vad = vad
    }
}

/// How `enableAudioVolumeEvaluation` reports (TRTC's `TRTCAudioVolumeEvaluateParams`).
public struct TRTCAudioVolumeEvaluateParams: Sendable, Equatable {
    /// Milliseconds between `onUserVoiceVolume` callbacks: at least 100, 300 by default.
    public var interval: Int
    /// Whether to report voice activity detection per user.
    public var enableVadDetection: Bool

    /// Evaluation parameters.
    public init(interval: Int = 300, enableVadDetection: Bool = false) {
        self.interval = interval
        self.enableVadDetection = enableVadDetection
    }
}
