/// The RFC 3550 §6.4.1 interarrival jitter estimate: the smoothed difference between packets' spacing
/// on arrival and their spacing in RTP timestamps (algorithm of §A.8).
public struct InterarrivalJitter: Sendable {
    /// RTP clock rate of the timestamps, in Hz.
    public let clockRate: Int
    /// The estimate J in timestamp units.
    public private(set) var value: Double = 0
    private var last: (arrival: Duration, timestamp: UInt32)?

    /// A fresh estimate (J = 0) for timestamps at `clockRate` Hz.
    public init(clockRate: Int) { self.clockRate = clockRate }

    /// Adds one packet: J += (|D| − J) / 16, where D is the change in transit time since the previous packet.
    public mutating func update(timestamp: UInt32, arrival: Duration) {
        defer { last = (arrival, timestamp) }
        guard let last else { return }
        let arrivalTicks = (arrival - last.arrival).seconds * Double(clockRate)
        let timestampTicks = Double(Int32(bitPattern: timestamp &- last.timestamp))
        value += (abs(arrivalTicks - timestampTicks) - value) / 16
    }

    /// The estimate as a duration.
    public var duration: Duration { .seconds(value / Double(clockRate)) }

    /// The estimate as RFC 3550 reports carry it (whole timestamp units).
    public var timestampUnits: UInt32 { UInt32(min(value.rounded(), Double(UInt32.max))) }
}
