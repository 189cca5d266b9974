internal import COpus

/// What an Opus encoder tunes for (`OPUS_APPLICATION_*`); fixed when the encoder is created.
public enum OpusApplication: Sendable, Equatable, CaseIterable {
    /// Speech in calls: favours intelligibility, lets the encoder use SILK and in-band FEC.
    case voip
    /// Music and mixed content: favours fidelity to the input.
    case audio

    var code: Int32 {
        switch self {
        case .voip: OPUS_APPLICATION_VOIP
        case .audio: OPUS_APPLICATION_AUDIO
        }
    }
}
