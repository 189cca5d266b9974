/// An adaptive jitter buffer for one RTP audio stream (one SSRC): it reorders packets by sequence number
/// (across the 16-bit wrap), drops duplicates and late packets, sizes its delay from the RFC 3550
/// interarrival jitter, and decides for each frame whether to play a packet, recover it by FEC or conceal it.
///
/// Time is passed in, never read: `arrival` and `now` are instants of any monotonic clock, expressed as
/// the time elapsed since an origin the caller picks. Pull once per frame, when the next frame is needed.
public struct JitterBuffer: Sendable {
    /// The settings the buffer was created with.
    public let configuration: JitterBufferConfiguration
    /// Counters and delays so far.
    public private(set) var statistics = JitterBufferStatistics()

    private enum Phase {
        case idle
        case buffering(since: Duration)
        case playing
    }

    private struct Entry {
        var sequence: Int64
        var packet: JitterBufferPacket
    }

    /// Target delay as a multiple of the jitter estimate: covers most of the spread of arrival times.
    private static let jitterMultiple = 3.0
    /// Pulls the buffer must run above target before it starts dropping frames.
    private static let patience = 10
    /// While above target, one frame is dropped every this many pulls.
    private static let dropInterval = 4
    /// The longest frame an RTP audio packet carries (Opus: 120 ms), bounding learned frame durations.
    private static let longestFrame = Duration.milliseconds(120)

    private var slots: [Entry?]
    /// Sequence numbers accepted recently, indexed by sequence modulo the count: detects duplicates of played packets.
    private var accepted: [Int64]
    private var phase = Phase.idle
    /// The next frame to play (unwrapped sequence number), once playout has started.
    private var next: Int64?
    /// The lowest buffered sequence number; exact while buffering (nothing is removed then).
    private var lowest: Int64 = 0
    private var highest: Int64 = 0
    private var count = 0
    /// The highest unwrapped sequence number accepted: the reference that unwraps the next one.
    private var reference: Int64?
    private var lastOutOfWindow: UInt16?
    private var jitter: InterarrivalJitter
    private var frameTicks: Int64
    private var holds = 0
    private var excessPulls = 0

    /// Creates an empty buffer; throws `AudioError.invalidArgument` for inconsistent bounds.
    public init(_ configuration: JitterBufferConfiguration = JitterBufferConfiguration()) throws(AudioError) {
        guard (1000...384_000).contains(configuration.clockRate) else {
            throw .invalidArgument(what: "jitter buffer clock rate", value: configuration.clockRate)
        }
        guard (1...4096).contains(configuration.capacity) else {
            throw .invalidArgument(what: "jitter buffer capacity", value: configuration.capacity)
        }
        let ticks = Int64((configuration.frameDuration.seconds * Double(configuration.clockRate)).rounded())
        guard configuration.frameDuration <= Self.longestFrame, ticks > 0 else {
            throw .invalidArgument(
                what: "jitter buffer frame duration µs", value: Int(configuration.frameDuration.seconds * 1e6))
        }
        guard configuration.minimumDelay >= .zero, configuration.minimumDelay <= configuration.maximumDelay else {
            throw .invalidArgument(
                what: "jitter buffer minimum delay µs", value: Int(configuration.minimumDelay.seconds * 1e6))
        }
        self.configuration = configuration
        slots = Array(repeating: nil, count: configuration.capacity)
        accepted = Array(repeating: -1, count: 4 * configuration.capacity)
        jitter = InterarrivalJitter(clockRate: configuration.clockRate)
        frameTicks = ticks
        statistics.targetDelay = configuration.minimumDelay
    }

    /// Audio per packet, learned from the timestamps of consecutive packets.
    public var frameDuration: Duration { .seconds(Double(frameTicks) / Double(configuration.clockRate)) }

    /// Offers a packet that arrived at `arrival`; returns whether it was buffered or why it was dropped.
    @discardableResult
    public mutating func insert(_ packet: JitterBufferPacket, arrival: Duration) -> JitterBufferInsertion {
        let sequence = unwrap(packet.sequenceNumber)
        if isAccepted(sequence) {
            statistics.duplicates += 1
            return .duplicate
        }
        if let next, sequence < next, next - sequence <= Int64(slots.count) {
            jitter.update(timestamp: packet.timestamp, arrival: arrival)
            statistics.late += 1
            return .late
        }
        if !fitsWindow(sequence) {
            guard let last = lastOutOfWindow, packet.sequenceNumber == last &+ 1 else {
                lastOutOfWindow = packet.sequenceNumber
                statistics.discarded += 1
                return .outOfWindow
            }
            restart()
            return insert(packet, arrival: arrival)
        }
        lastOutOfWindow = nil
        jitter.update(timestamp: packet.timestamp, arrival: arrival)
        store(Entry(sequence: sequence, packet: packet))
        if case .idle = phase { phase = .buffering(since: arrival) }
        statistics.received += 1
        updateDelayStatistics()
        return .accepted
    }

    /// Decides what to play for the next frame at time `now`.
    public mutating func pull(at now: Duration) -> JitterBufferOutput {
        defer { updateDelayStatistics() }
        switch phase {
        case .idle:
            return .idle
        case .buffering(let since):
            guard count > 0, now - since >= targetDelay else { return .idle }
            if let next, lowest > next { statistics.lost += Int(lowest - next) }
            next = lowest
            phase = .playing
            holds = 0
            excessPulls = 0
        case .playing:
            break
        }
        return play()
    }

    // MARK: Playout

    private mutating func play() -> JitterBufferOutput {
        guard let current = next else { return .idle }
        if let entry = take(current) {
            next = current + 1
            holds = 0
            statistics.played += 1
            adapt()
            return .packet(entry.packet)
        }
        if count > 0 {
            // A later packet is here, so this one is lost (or so late that it no longer matters).
            next = current + 1
            holds = 0
            statistics.lost += 1
            if let following = slots[slot(current + 1)], following.sequence == current + 1 {
                statistics.recovered += 1
                return .recover(from: following.packet)
            }
            adapt()
            return .conceal
        }
        // Nothing buffered: wait for the packet (the delay grows by a frame) rather than skip it.
        statistics.underruns += 1
        holds += 1
        if frameDuration * holds > configuration.maximumDelay {
            phase = .idle
            return .idle
        }
        return .conceal
    }

    /// Drops frames while the buffered audio stays above the target delay, or at once beyond the maximum.
    private mutating func adapt() {
        while count > 0, bufferedAudio > configuration.maximumDelay + frameDuration {
            dropOldest()
        }
        guard bufferedAudio > targetDelay + frameDuration else {
            excessPulls = 0
            return
        }
        excessPulls += 1
        if excessPulls >= Self.patience, (excessPulls - Self.patience) % Self.dropInterval == 0 {
            dropOldest()
        }
    }

    private mutating func dropOldest() {
        guard let current = next else { return }
        if take(current) != nil {
            statistics.discarded += 1
        } else {
            statistics.lost += 1
        }
        next = current + 1
    }

    private var targetDelay: Duration {
        let wanted = jitter.duration * Self.jitterMultiple
        return min(max(wanted, configuration.minimumDelay), configuration.maximumDelay)
    }

    /// Audio from the playout point to the newest buffered packet, gaps included.
    private var bufferedAudio: Duration {
        count > 0 ? frameDuration * Int(highest - oldest + 1) : .zero
    }

    private mutating func updateDelayStatistics() {
        statistics.jitter = jitter.duration
        statistics.jitterTimestampUnits = jitter.timestampUnits
        statistics.targetDelay = targetDelay
        statistics.currentDelay = bufferedAudio
    }

    // MARK: Storage

    private func unwrap(_ sequenceNumber: UInt16) -> Int64 {
        guard let reference else { return Int64(sequenceNumber) }
        return reference + Int64(Int16(bitPattern: sequenceNumber &- UInt16(truncatingIfNeeded: reference)))
    }

    private func slot(_ sequence: Int64) -> Int {
        Int(((sequence % Int64(slots.count)) + Int64(slots.count)) % Int64(slots.count))
    }

    private func isAccepted(_ sequence: Int64) -> Bool {
        let index = Int(((sequence % Int64(accepted.count)) + Int64(accepted.count)) % Int64(accepted.count))
        return accepted[index] == sequence
    }

    /// Whether `sequence` can join the buffered packets without their span, counted from the playout
    /// point once there is one, exceeding the capacity.
    private func fitsWindow(_ sequence: Int64) -> Bool {
        var low = sequence, high = sequence
        if let next {
            guard sequence >= next else { return false }
            low = next
        } else if count > 0 {
            low = min(low, lowest)
        }
        if count > 0 { high = max(high, highest) }
        return high - low < Int64(slots.count)
    }

    /// The first frame the buffered packets cover: the playout point while playing, else the lowest packet.
    private var oldest: Int64 {
        if case .playing = phase, let next { return next }
        return lowest
    }

    private mutating func store(_ entry: Entry) {
        let sequence = entry.sequence
        slots[slot(sequence)] = entry
        if count == 0 {
            lowest = sequence
            highest = sequence
        } else {
            lowest = min(lowest, sequence)
            highest = max(highest, sequence)
        }
        count += 1
        reference = max(reference ?? sequence, sequence)
        accepted[Int(((sequence % Int64(accepted.count)) + Int64(accepted.count)) % Int64(accepted.count))] = sequence
        learnFrameDuration(around: entry)
    }

    private mutating func take(_ sequence: Int64) -> Entry? {
        let index = slot(sequence)
        guard let entry = slots[index], entry.sequence == sequence else { return nil }
        slots[index] = nil
        count -= 1
        return entry
    }

    /// Learns the packet duration from a consecutive neighbour's timestamp (DTX gaps are longer and ignored).
    private mutating func learnFrameDuration(around entry: Entry) {
        learnFrameDuration(from: entry.sequence - 1, to: entry.sequence)
        learnFrameDuration(from: entry.sequence, to: entry.sequence + 1)
    }

    private mutating func learnFrameDuration(from earlier: Int64, to later: Int64) {
        guard let a = slots[slot(earlier)], a.sequence == earlier, let b = slots[slot(later)], b.sequence == later
        else { return }
        let ticks = Int64(Int32(bitPattern: b.packet.timestamp &- a.packet.timestamp))
        let longest = Int64(Self.longestFrame.seconds * Double(configuration.clockRate))
        if ticks > 0, ticks <= longest { frameTicks = ticks }
    }

    private mutating func restart() {
        for index in slots.indices { slots[index] = nil }
        for index in accepted.indices { accepted[index] = -1 }
        count = 0
        next = nil
        reference = nil
        lastOutOfWindow = nil
        phase = .idle
        holds = 0
        excessPulls = 0
        jitter = InterarrivalJitter(clockRate: configuration.clockRate)
        statistics.restarts += 1
    }
}
