/// Figures of the last 2 s (TRTC's `TRTCStatistics`), from real RTCP and the jitter buffers.
public struct TRTCStatistics: Sendable, Equatable {
    /// This process's CPU use, percent of one core.
    public var appCpu: Int = 0
    /// The machine's CPU use, percent.
    public var systemCpu: Int = 0
    /// Round-trip time to the server in ms, from RTCP LSR/DLSR.
    public var rtt: Int = 0
    /// Uplink loss in percent, as the server's Receiver Reports tell.
    public var upLoss: Int = 0
    /// Downlink loss in percent, measured on what arrives.
    public var downLoss: Int = 0
    /// Bytes sent since entering.
    public var sentBytes: UInt64 = 0
    /// Bytes received since entering.
    public var receivedBytes: UInt64 = 0
    /// What is sent.
    public var localStatistics: [TRTCLocalStatistics] = []
    /// What each remote user sends.
    public var remoteStatistics: [TRTCRemoteStatistics] = []

    /// Empty statistics.
    public init() {}
}

/// The local stream's figures (TRTC's `TRTCLocalStatistics`).
public struct TRTCLocalStatistics: Sendable, Equatable {
    /// The codec's sample rate.
    public var audioSampleRate: Int = 0
    /// The sent bitrate in kbit/s.
    public var audioBitrate: Int = 0
    /// 0 capturing, 1 muted, 2 not capturing (TRTC's values).
    public var audioCaptureState: Int = 2

    /// Empty local statistics.
    public init() {}
}

/// One remote user's figures (TRTC's `TRTCRemoteStatistics`).
public struct TRTCRemoteStatistics: Sendable, Equatable {
    /// The user.
    public var userId: String = ""
    /// Packets lost on the way to us, percent.
    public var audioPacketLoss: Int = 0
    /// The stream's sample rate.
    public var audioSampleRate: Int = 0
    /// The received bitrate in kbit/s.
    public var audioBitrate: Int = 0
    /// The jitter buffer's current delay, ms.
    public var jitterBufferDelay: Int = 0
    /// Estimated delay from the sender to us, ms (half our RTT plus the jitter buffer).
    public var point2PointDelay: Int = 0
    /// Total ms of audio concealed since the user started publishing.
    public var audioTotalBlockTime: Int = 0
    /// Percent of the last interval that was concealed.
    public var audioBlockRate: Int = 0
    /// The user's own uplink loss, percent, as far as we know it (0 when unknown).
    public var remoteNetworkUplinkLoss: Int = 0
    /// The user's round-trip time, ms, as far as we know it (0 when unknown).
    public var remoteNetworkRTT: Int = 0

    /// Empty remote statistics.
    public init() {}
}

/// A network test's parameters (TRTC's `TRTCSpeedTestParams`).
public struct TRTCSpeedTestParams: Sendable, Equatable {
    /// The app.
    public var sdkAppId: UInt32
    /// A user id for the test.
    public var userId: String
    /// Its UserSig.
    public var userSig: String
    /// Expected uplink bandwidth in kbit/s (10…5000).
    public var expectedUpBandwidth: Int
    /// Expected downlink bandwidth in kbit/s (10…5000).
    public var expectedDownBandwidth: Int
    /// The signaling endpoint, as in `TRTCParams.serverURL`.
    public var serverURL: String

    /// Test parameters.
    public init(sdkAppId: UInt32, userId: String, userSig: String, expectedUpBandwidth: Int = 500, expectedDownBandwidth: Int = 500, serverURL: String = "") {
        self.sdkAppId = sdkAppId
        self.userId = userId
        self.userSig = userSig
        self.expectedUpBandwidth = expectedUpBandwidth
        self.expectedDownBandwidth = expectedDownBandwidth
        self.serverURL = serverURL
    }
}

/// A network test's result (TRTC's `TRTCSpeedTestResult`).
public struct TRTCSpeedTestResult: Sendable, Equatable {
    /// Whether the test ran.
    public var success: Bool
    /// Why not, when it did not.
    public var errMsg: String
    /// The server tested.
    public var ip: String
    /// Graded quality.
    public var quality: TRTCQuality
    /// Uplink loss, 0…1.
    public var upLostRate: Double
    /// Downlink loss, 0…1.
    public var downLostRate: Double
    /// Round-trip time, ms.
    public var rtt: Int
    /// Estimated uplink bandwidth, kbit/s.
    public var availableUpBandwidth: Int
    /// Estimated downlink bandwidth, kbit/s.
    public var availableDownBandwidth: Int
    /// Uplink jitter, ms.
    public var upJitter: Int
    /// Downlink jitter, ms.
    public var downJitter: Int
}
