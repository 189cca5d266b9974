import RTCSignaling

/// The kind of room (TRTC's `TRTCAppScene`): calls show everyone; LIVE rooms show anchors only.
public enum TRTCAppScene: Int, Sendable, CaseIterable {
    /// Video call: everyone is an anchor and visible.
    case videoCall = 0
    /// Interactive live streaming: anchors publish and are visible; audiences only listen.
    case LIVE = 1
    /// Audio call: everyone is an anchor and visible.
    case audioCall = 2
    /// Voice chat room: like `.LIVE`, for audio.
    case voiceChatRoom = 3

    /// The scene as the signaling protocol names it.
    var wire: AppScene {
        switch self {
        case .videoCall: .videoCall
        case .LIVE: .liveStreaming
        case .audioCall: .audioCall
        case .voiceChatRoom: .voiceChatRoom
        }
    }
}

/// A member's role in `.LIVE` and `.voiceChatRoom` (TRTC's `TRTCRoleType`).
public enum TRTCRoleType: Int, Sendable, CaseIterable {
    /// Publishes and is visible to others.
    case anchor = 20
    /// Listens only and is invisible.
    case audience = 21

    /// The role as the signaling protocol names it.
    var wire: UserRole { self == .anchor ? .anchor : .audience }
}

/// The local audio's quality (TRTC's `TRTCAudioQuality`).
public enum TRTCAudioQuality: Int, Sendable, CaseIterable {
    /// 16 kHz mono, 16 kbit/s: speech.
    case speech = 1
    /// 48 kHz mono, 50 kbit/s: the default.
    case `default` = 2
    /// 48 kHz stereo, 128 kbit/s: music.
    case music = 3

    /// The codec's sample rate.
    public var sampleRate: Int { self == .speech ? 16_000 : 48_000 }
    /// The codec's channels.
    public var channels: Int { self == .music ? 2 : 1 }
    /// The codec's bitrate in bit/s.
    public var bitrate: Int {
        switch self {
        case .speech: 16_000
        case .default: 50_000
        case .music: 128_000
        }
    }
}
