/// The client-to-mixer audio level of RFC 6464 §3: the level in -dBov (0 loudest, 127 silence)
/// and the voice-activity flag, carried in one header-extension byte.
public struct AudioLevel: Hashable, Sendable {
    /// The level in -dBov, 0...127.
    public var level: UInt8
    /// Whether the sender's VAD judged the packet to contain speech.
    public var voiceActivity: Bool

    /// A level from its parts; levels above 127 (quieter than -127 dBov) are clamped to 127.
    public init(level: UInt8, voiceActivity: Bool) {
        self.level = min(level, 127)
        self.voiceActivity = voiceActivity
    }

    /// A level from its wire byte: V in the top bit, the level in the low seven.
    public init(byte: UInt8) {
        self.init(level: byte & 0x7F, voiceActivity: byte & 0x80 != 0)
    }

    /// The wire byte.
    public var byte: UInt8 {
        (voiceActivity ? 0x80 : 0) | min(level, 127)
    }

    /// The extension's URI in SDP `a=extmap` (RFC 6464 §4).
    public static let extensionURI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
    /// The extension ID this engine uses (see protocol.md, media §4).
    public static let defaultExtensionID: UInt8 = 1
}
