/// The room's scene (`TRTCAppScene`), which decides who is visible and who may switch roles.
public enum AppScene: String, Codable, Sendable, Hashable, CaseIterable {
    /// `TRTCAppSceneVideoCall` (0): everyone is an anchor.
    case videoCall
    /// `TRTCAppSceneLIVE` (1): anchors and audience.
    case liveStreaming
    /// `TRTCAppSceneAudioCall` (2): everyone is an anchor.
    case audioCall
    /// `TRTCAppSceneVoiceChatRoom` (3): anchors and audience.
    case voiceChatRoom

    /// TRTC's numeric value of the scene.
    public var trtcValue: Int {
        switch self {
        case .videoCall: 0
        case .liveStreaming: 1
        case .audioCall: 2
        case .voiceChatRoom: 3
        }
    }

    /// The scene with TRTC's numeric value; nil for any other value.
    public init?(trtcValue: Int) {
        guard let scene = Self.allCases.first(where: { $0.trtcValue == trtcValue }) else { return nil }
        self = scene
    }

    /// Whether the scene has an audience: only anchors are visible to others and `switchRole` applies (api.md).
    public var showsOnlyAnchors: Bool {
        self == .liveStreaming || self == .voiceChatRoom
    }
}
