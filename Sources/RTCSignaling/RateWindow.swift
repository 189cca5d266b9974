/// A sliding one-second window that admits at most `limit` units (messages or bytes) per second.
///
/// Used for the custom-message limits (30 messages/s and 8 KiB/s per user, api.md) and the REST
/// limit (20 requests/s per SdkAppId and action, rest-api.md). Times are injected, in seconds.
public struct RateWindow: Sendable {
    /// Units admitted per second.
    public let limit: Int
    private var entries: [(time: Double, units: Int)] = []
    private var total = 0

    /// A window admitting `limit` units per second.
    public init(limit: Int) {
        self.limit = limit
    }

    /// Admits `units` at `now` if the last second holds room for them; returns whether it did.
    public mutating func admit(_ units: Int = 1, now: Double) -> Bool {
        while let first = entries.first, first.time <= now - 1 {
            total -= first.units
            entries.removeFirst()
        }
        guard total + units <= limit else { return false }
        entries.append((now, units))
        total += units
        return true
    }
}
