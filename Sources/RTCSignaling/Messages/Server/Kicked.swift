/// `kicked`: the server removed this client; it must not reconnect by itself.
public struct Kicked: Codable, Sendable, Equatable {
    /// Why.
    public var reason: KickReason
    /// A TRTC-style code for the app's `onError`/`onWarning`.
    public var code: Int

    /// A removal notice.
    public init(reason: KickReason, code: Int) {
        self.reason = reason
        self.code = code
    }
}
