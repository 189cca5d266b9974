/// What a receiver knows of one RTP source, kept as RFC 3550 appendix A describes: extended
/// sequence numbers (A.1), loss (A.3) and interarrival jitter (A.8); it makes the reception
/// report blocks of RR and SR packets.
public struct RTPReceiveStatistics: Sendable {
    /// The RTP clock rate of the source's payload (48000 for Opus).
    public let clockRate: Int
    /// Packets received (duplicates included, as RFC 3550 counts them).
    public private(set) var packetsReceived: UInt64 = 0
    /// Payload and header bytes received.
    public private(set) var bytesReceived: UInt64 = 0
    private var baseSequence: UInt32 = 0
    private var cycles: UInt32 = 0
    private var maxSequence: UInt16 = 0
    private var started = false
    /// Interarrival jitter in RTP timestamp units (RFC 3550 A.8).
    private var jitter: Double = 0
    private var lastTransit: Double?
    private var expectedPrior: UInt32 = 0
    private var receivedPrior: UInt64 = 0
    /// The last SR from the source: its compact NTP time and when it arrived (seconds, any monotonic clock).
    private var lastSenderReport: (compact: UInt32, arrival: Double)?

    /// Statistics for a source sent with the given RTP clock rate.
    public init(clockRate: Int) {
        self.clockRate = clockRate
    }

    /// Records one packet: its sequence number, RTP timestamp, size, and arrival time in seconds.
    public mutating func record(sequenceNumber: UInt16, timestamp: UInt32, bytes: Int, arrival: Double) {
        if !started {
            started = true
            baseSequence = UInt32(sequenceNumber)
            maxSequence = sequenceNumber
        } else {
            let delta = sequenceNumber &- maxSequence
            if delta != 0 && delta < 0x8000 {
                if sequenceNumber < maxSequence { cycles &+= 1 << 16 }
                maxSequence = sequenceNumber
            }
        }
        packetsReceived += 1
        bytesReceived += UInt64(bytes)
        let transit = arrival * Double(clockRate) - Double(timestamp)
        if let lastTransit {
            var d = abs(transit - lastTransit)
            if d > Double(UInt32.max / 2) { d = 0 }  // a timestamp jump, not jitter
            jitter += (d - jitter) / 16
        }
        lastTransit = transit
    }

    /// Notes a Sender Report from the source, for the LSR/DLSR of the next report block.
    public mutating func recordSenderReport(compactNTP: UInt32, arrival: Double) {
        lastSenderReport = (compactNTP, arrival)
    }

    /// The highest sequence number seen, extended with the count of wrap-arounds.
    public var extendedHighestSequenceNumber: UInt32 { cycles | UInt32(maxSequence) }

    /// Packets expected from the first to the highest sequence number.
    public var expectedPackets: UInt64 { started ? UInt64(extendedHighestSequenceNumber &- baseSequence) + 1 : 0 }

    /// Packets lost since the start (negative when duplicates outnumber losses).
    public var cumulativeLost: Int64 { Int64(expectedPackets) - Int64(packetsReceived) }

    /// Interarrival jitter in seconds.
    public var jitterSeconds: Double { jitter / Double(clockRate) }

    /// A report block for this source, as of `now` (same clock as arrivals); starts a new loss interval.
    public mutating func makeReport(ssrc: UInt32, now: Double) -> ReceptionReport {
        let expected = UInt32(truncatingIfNeeded: expectedPackets)
        let expectedInterval = expected &- expectedPrior
        let receivedInterval = packetsReceived - receivedPrior
        expectedPrior = expected
        receivedPrior = packetsReceived
        let lostInterval = Int64(expectedInterval) - Int64(receivedInterval)
        let fraction: UInt8 =
            expectedInterval == 0 || lostInterval <= 0 ? 0 : UInt8(min(255, (lostInterval << 8) / Int64(expectedInterval)))
        let lost = Int32(clamping: max(-0x80_0000, min(0x7F_FFFF, cumulativeLost)))
        var lsr: UInt32 = 0
        var dlsr: UInt32 = 0
        if let last = lastSenderReport {
            lsr = last.compact
            dlsr = UInt32(clamping: Int64(max(0, now - last.arrival) * 65536))
        }
        return ReceptionReport(
            ssrc: ssrc, fractionLost: fraction, cumulativeLost: lost,
            extendedHighestSequenceNumber: extendedHighestSequenceNumber, jitter: UInt32(min(jitter, Double(UInt32.max))),
            lastSenderReport: lsr, delaySinceLastSenderReport: dlsr)
    }
}
