/// Every failure of the audio layer (codec, processing, buffers, files), with the context that explains it.
public enum AudioError: Error, Equatable, Sendable {
    /// A parameter outside what the component supports (a rate, a channel count, a frame size).
    case invalidArgument(what: String, value: Int)
    /// libopus refused a call: `code` is its `OPUS_*` error (e.g. -4 `OPUS_INVALID_PACKET`).
    case codec(operation: String, code: Int)
    /// webrtc-audio-processing refused a call: `code` is its `AudioProcessing::Error` value.
    case processing(operation: String, code: Int)
    /// The output does not fit the buffer the caller provided.
    case bufferTooSmall(needed: Int, capacity: Int)
    /// A WAV file that does not follow RIFF/WAVE (a missing or truncated chunk, an inconsistent field).
    case malformedWAV(reason: String)
    /// A valid WAV file in a format this reader does not handle (only 16-bit PCM, 1–2 channels).
    case unsupportedWAV(what: String, value: Int)
    /// A file larger than the limit the caller set for reading it whole.
    case fileTooLarge(bytes: Int, limit: Int)
    /// The operating system refused a file operation.
    case fileAccess(path: String, reason: String)
}
