import RTCSignaling

/// What the client knows of another member: visibility and published tracks.
struct RemoteUser: Sendable {
    /// The user.
    var userId: String
    /// Whether its audio track is published (SSRC) and muted.
    var audio: (ssrc: UInt32, muted: Bool)?

    /// Whether the app has been told the user's audio is available.
    var audioAvailable: Bool { audio.map { !$0.muted } ?? false }
}
