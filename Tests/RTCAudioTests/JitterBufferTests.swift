import Testing
import RTCAudio

/// A 20 ms Opus-like packet: sequence `n` from `firstSequence`, timestamps 960 apart (plus `extraTicks`),
/// `n` as payload.
func packet(_ n: Int, firstSequence: UInt16 = 0, firstTimestamp: UInt32 = 0, extraTicks: UInt32 = 0) -> JitterBufferPacket {
    JitterBufferPacket(
        sequenceNumber: firstSequence &+ UInt16(truncatingIfNeeded: n),
        timestamp: firstTimestamp &+ UInt32(truncatingIfNeeded: n) &* 960 &+ extraTicks,
        payload: [UInt8(truncatingIfNeeded: n), UInt8(truncatingIfNeeded: n >> 8)])
}

func ms(_ value: Double) -> Duration { .microseconds(Int64(value * 1000)) }

/// Plays a stream through `buffer`: packet `n` (of `count`) is sent at n·20 ms and arrives `delay(n)` ms later
/// (nil: lost); the buffer is pulled every 20 ms from `pullPhase` ms. Arrivals at a pull's instant come first.
func simulate(
    _ buffer: inout JitterBuffer, count: Int, pulls: Int, pullPhase: Double = 10,
    firstSequence: UInt16 = 0, firstTimestamp: UInt32 = 0, extraTicks: (Int) -> UInt32 = { _ in 0 },
    delay: (Int) -> Double?
) -> [JitterBufferOutput] {
    let arrivals = (0..<count).compactMap { n in delay(n).map { (time: Double(n) * 20 + $0, n: n) } }
        .sorted { $0.time < $1.time }
    var outputs: [JitterBufferOutput] = []
    var index = 0
    for p in 0..<pulls {
        let now = pullPhase + Double(p) * 20
        while index < arrivals.count, arrivals[index].time <= now {
            let arrival = arrivals[index]
            let sent = packet(
                arrival.n, firstSequence: firstSequence, firstTimestamp: firstTimestamp, extraTicks: extraTicks(arrival.n))
            buffer.insert(sent, arrival: ms(arrival.time))
            index += 1
        }
        outputs.append(buffer.pull(at: ms(now)))
    }
    return outputs
}

/// The packet indices (payload-encoded) that `outputs` played, in order.
func played(_ outputs: [JitterBufferOutput]) -> [Int] {
    outputs.compactMap {
        guard case .packet(let p) = $0 else { return nil }
        return Int(p.payload[0]) | Int(p.payload[1]) << 8
    }
}

@Suite struct JitterBufferTests {
    @Test func steadyStreamPlaysEveryPacketInOrder() throws {
        var buffer = try JitterBuffer()
        let outputs = simulate(&buffer, count: 100, pulls: 110) { _ in 5 }
        #expect(played(outputs) == Array(0..<100))
        #expect(outputs.first == .idle)
        #expect(buffer.statistics.lost == 0 && buffer.statistics.late == 0 && buffer.statistics.underruns <= 10)
        #expect(buffer.statistics.received == 100 && buffer.statistics.played == 100)
        #expect(buffer.statistics.targetDelay == .milliseconds(20))
        #expect(buffer.statistics.jitter < .milliseconds(1))
    }

    @Test func reorderedPacketsPlayInSequenceOrder() throws {
        var buffer = try JitterBuffer()
        // Pairs swap places on the way: 1 arrives before 0, 3 before 2, ...
        let outputs = simulate(&buffer, count: 50, pulls: 60) { n in n % 2 == 0 ? 15 : 0 }
        #expect(played(outputs) == Array(0..<50))
        #expect(buffer.statistics.lost == 0)
    }

    @Test func sequenceNumbersAndTimestampsWrapAround() throws {
        var buffer = try JitterBuffer()
        let outputs = simulate(&buffer, count: 40, pulls: 50, firstSequence: 65520, firstTimestamp: UInt32.max - 5000) { n in
            n % 3 == 0 ? 12 : 2
        }
        #expect(played(outputs) == Array(0..<40))
        #expect(buffer.statistics.lost == 0 && buffer.statistics.restarts == 0)
        #expect(buffer.statistics.jitter < .milliseconds(10))
    }

    @Test func duplicatesAreDroppedAndCounted() throws {
        var buffer = try JitterBuffer()
        #expect(buffer.insert(packet(0), arrival: ms(0)) == .accepted)
        #expect(buffer.insert(packet(0), arrival: ms(1)) == .duplicate)
        #expect(buffer.insert(packet(1), arrival: ms(20)) == .accepted)
        #expect(buffer.pull(at: ms(25)) == .packet(packet(0)))
        #expect(buffer.insert(packet(0), arrival: ms(30)) == .duplicate)
        #expect(buffer.statistics.duplicates == 2)
        #expect(buffer.statistics.received == 2)
    }

    @Test func lostPacketWithItsSuccessorPresentIsRecoveredByFEC() throws {
        var buffer = try JitterBuffer()
        let outputs = simulate(&buffer, count: 30, pulls: 32) { n in n == 10 || n == 20 || n == 21 ? nil : 5 }
        #expect(played(outputs) == Array(0..<30).filter { ![10, 20, 21].contains($0) })
        let decisions = outputs.filter { if case .packet = $0 { false } else { $0 != .idle } }
        // 10 is rebuilt from 11, already buffered. When 20 is due the buffer is empty (21 is lost, 22 not yet
        // here): playout waits a frame, concealing; then 20 is lost with no successor (conceal) and 21 is
        // rebuilt from 22.
        #expect(decisions.prefix(4) == [.recover(from: packet(11)), .conceal, .conceal, .recover(from: packet(22))])
        #expect(buffer.statistics.lost == 3)
        #expect(buffer.statistics.recovered == 2)
        #expect(buffer.statistics.underruns == 1)
    }

    @Test func packetArrivingAfterItsFrameIsLate() throws {
        var buffer = try JitterBuffer()
        // Packet 10 arrives 100 ms late, after 11 and 12: its frame is recovered from 11, then it is dropped.
        let outputs = simulate(&buffer, count: 30, pulls: 40) { n in n == 10 ? 105 : 5 }
        #expect(outputs.contains(.recover(from: packet(11))))
        #expect(!played(outputs).contains(10))
        #expect(buffer.statistics.late == 1)
        #expect(buffer.statistics.lost == 1)
    }

    @Test func delayedBurstIsWaitedForNotLost() throws {
        var buffer = try JitterBuffer()
        // A 60 ms stall: packets 10–12 arrive together with 13. The buffer conceals while it waits for them,
        // then drops a frame or two later to bring the delay back to its target.
        let outputs = simulate(&buffer, count: 40, pulls: 50) { n in (10...12).contains(n) ? 5 + Double(13 - n) * 20 : 5 }
        #expect(Array(played(outputs).prefix(14)) == Array(0..<14))
        #expect(buffer.statistics.lost == 0)
        #expect(buffer.statistics.underruns >= 3)
        #expect(buffer.statistics.played + buffer.statistics.discarded == 40)
    }

    @Test func targetDelayFollowsJitterWithinBounds() throws {
        var rng = Signals.SeededGenerator(seed: 11)
        let delays = (0..<1500).map { _ in Double.random(in: 0...80, using: &rng) }

        var buffer = try JitterBuffer()
        let outputs = simulate(&buffer, count: 1500, pulls: 1520) { delays[$0] }
        let stats = buffer.statistics
        // Uniform 0–80 ms delays: RFC 3550 jitter ≈ E|D| = 80/3 ≈ 27 ms.
        #expect(stats.jitter > .milliseconds(18) && stats.jitter < .milliseconds(36), "jitter \(stats.jitter)")
        #expect(stats.targetDelay > .milliseconds(50) && stats.targetDelay <= .milliseconds(120))
        #expect(stats.lossRate < 0.03, "loss \(stats.lossRate)")
        #expect(played(outputs) == played(outputs).sorted())

        var bounded = try JitterBuffer(JitterBufferConfiguration(minimumDelay: .milliseconds(40), maximumDelay: .milliseconds(60)))
        _ = simulate(&bounded, count: 500, pulls: 520) { delays[$0] }
        #expect(bounded.statistics.targetDelay == .milliseconds(60))
        #expect(bounded.statistics.currentDelay <= .milliseconds(80))

        var calm = try JitterBuffer(JitterBufferConfiguration(minimumDelay: .milliseconds(40)))
        _ = simulate(&calm, count: 500, pulls: 520) { _ in 30 }
        #expect(calm.statistics.targetDelay == .milliseconds(40))
    }

    @Test func delayShrinksBackAfterAStall() throws {
        var buffer = try JitterBuffer()
        // A 400 ms stall at packet 50, then everything flows again: the backlog is dropped gradually.
        let outputs = simulate(&buffer, count: 400, pulls: 410) { n in (50..<70).contains(n) ? 5 + Double(70 - n) * 20 : 5 }
        let stats = buffer.statistics
        #expect(stats.discarded > 5)
        #expect(stats.currentDelay <= stats.targetDelay + .milliseconds(20), "delay \(stats.currentDelay)")
        #expect(stats.lost == 0)
        #expect(played(outputs) == played(outputs).sorted())
    }

    @Test func frameDurationIsLearnedFromTimestamps() throws {
        var buffer = try JitterBuffer()
        for n in 0..<3 {
            buffer.insert(JitterBufferPacket(sequenceNumber: UInt16(n), timestamp: UInt32(n * 1920), payload: [1]), arrival: ms(Double(n) * 40))
        }
        #expect(buffer.frameDuration == .milliseconds(40))
    }

    @Test func sequenceJumpRestartsTheStream() throws {
        var buffer = try JitterBuffer()
        _ = simulate(&buffer, count: 20, pulls: 22) { _ in 5 }
        #expect(buffer.insert(packet(0, firstSequence: 30000), arrival: ms(500)) == .outOfWindow)
        #expect(buffer.insert(packet(1, firstSequence: 30000), arrival: ms(520)) == .accepted)
        #expect(buffer.statistics.restarts == 1)
        #expect(buffer.pull(at: ms(545)) == .packet(packet(1, firstSequence: 30000)))

        // A sender that restarts with lower sequence numbers is followed too.
        #expect(buffer.insert(packet(0, firstSequence: 20000), arrival: ms(600)) == .outOfWindow)
        #expect(buffer.insert(packet(1, firstSequence: 20000), arrival: ms(620)) == .accepted)
        #expect(buffer.statistics.restarts == 2)
    }

    @Test func longSilenceGoesIdleAndRebuffers() throws {
        var buffer = try JitterBuffer()
        // 20 packets, then a 2 s pause (DTX: timestamps jump, sequence numbers do not), then 20 more.
        let outputs = simulate(&buffer, count: 40, pulls: 160, extraTicks: { n in n < 20 ? 0 : 96000 }) { n in
            n < 20 ? 5 : 2005
        }
        #expect(played(outputs) == Array(0..<40))
        #expect(outputs[60] == .idle)
        #expect(buffer.statistics.lost == 0)
        #expect(buffer.statistics.jitter < .milliseconds(5))
    }

    @Test func invalidConfigurationThrows() {
        #expect(throws: AudioError.self) { try JitterBuffer(JitterBufferConfiguration(capacity: 0)) }
        #expect(throws: AudioError.self) { try JitterBuffer(JitterBufferConfiguration(clockRate: 0)) }
        #expect(throws: AudioError.self) { try JitterBuffer(JitterBufferConfiguration(frameDuration: .zero)) }
        #expect(throws: AudioError.self) {
            try JitterBuffer(JitterBufferConfiguration(minimumDelay: .milliseconds(100), maximumDelay: .milliseconds(50)))
        }
    }
}
