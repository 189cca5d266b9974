/// `error`: a request failed (echoing its `requestId`) or a frame was rejected.
public struct ErrorReply: Codable, Sendable, Equatable {
    /// A TRTC-style code (api.md) or the protocol's own (-1001…-1104).
    public var code: SignalingErrorCode
    /// What failed, in words.
    public var message: String

    /// An error answer.
    public init(code: SignalingErrorCode, message: String) {
        self.code = code
        self.message = message
    }

    /// The answer for a signaling-layer failure: its code and description.
    public init(_ error: SignalingError) {
        self.init(code: error.code, message: error.description)
    }
}
