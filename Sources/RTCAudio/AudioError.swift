/// Every failure of the audio layer (codec, processing, buffers, files), with the context that explains it.
public enum AudioError: Error, Equatable, Sendable {
    /// A parameter outside what the component supports (a rate, a channel count, a frame size).
    case invalidArgument(what: String, value: Int)
}
