import RTCSignaling

/// A room's identity on this server: its app and its numeric or string id (123 ≠ "123").
struct RoomKey: Hashable, Sendable, CustomStringConvertible {
    /// The app the room belongs to.
    let sdkAppId: UInt32
    /// The room id within the app.
    let room: RoomID

    /// `1400000001/123` or `1400000001/"123"`.
    var description: String { "\(sdkAppId)/\(room)" }
}
