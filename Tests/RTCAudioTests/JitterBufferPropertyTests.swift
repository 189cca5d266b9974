import PropertyBased
import Testing
import RTCAudio

@Suite struct JitterBufferPropertyTests {
    /// One step of a hostile network: 0 a packet near the last one, 1 a packet anywhere, 2–3 a pull;
    /// the sequence offset; the time that passes first (ms).
    static let steps = zip(Gen.int(in: 0...3), Gen.int(in: -70...70), Gen.int(in: 0...30)).array(of: 1...600)

    @Test func anyArrivalOrderKeepsTheBufferConsistentAndBounded() async {
        await propertyCheck(count: 200, input: Self.steps) { steps in
            let configuration = JitterBufferConfiguration(capacity: 32)
            guard var buffer = try? JitterBuffer(configuration) else {
                Issue.record("configuration refused")
                return
            }
            var rng = Signals.SeededGenerator(seed: UInt64(steps.count))
            var now = 0, lastSequence: UInt16 = 0, id: UInt32 = 0
            var results: [JitterBufferInsertion: Int] = [:]
            var playedIDs = Set<UInt32>()
            for (kind, offset, elapsed) in steps {
                now += elapsed
                if kind <= 1 {
                    let sequence = kind == 0 ? lastSequence &+ UInt16(bitPattern: Int16(offset)) : UInt16.random(in: 0...UInt16.max, using: &rng)
                    lastSequence = sequence
                    id += 1
                    let timestamp = UInt32(sequence) &* 960
                    let payload = withUnsafeBytes(of: id) { Array($0) }
                    let result = buffer.insert(
                        JitterBufferPacket(sequenceNumber: sequence, timestamp: timestamp, payload: payload),
                        arrival: .milliseconds(now))
                    results[result, default: 0] += 1
                } else if case .packet(let packet) = buffer.pull(at: .milliseconds(now)) {
                    let playedID = packet.payload.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
                    #expect(playedIDs.insert(playedID).inserted, "packet \(playedID) played twice")
                }
                let stats = buffer.statistics
                #expect(stats.currentDelay <= buffer.frameDuration * configuration.capacity)
                #expect(stats.targetDelay >= configuration.minimumDelay && stats.targetDelay <= configuration.maximumDelay)
            }
            let stats = buffer.statistics
            #expect(stats.received == results[.accepted, default: 0])
            #expect(stats.duplicates == results[.duplicate, default: 0])
            #expect(stats.late == results[.late, default: 0])
            #expect(stats.discarded >= results[.outOfWindow, default: 0])
            #expect(stats.played == playedIDs.count)
            #expect(stats.played + stats.discarded - results[.outOfWindow, default: 0] <= stats.received)
        }
    }
}
