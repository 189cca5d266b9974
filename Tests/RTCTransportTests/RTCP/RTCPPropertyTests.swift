import PropertyBased
import Testing

@testable import RTCTransport

@Suite struct RTCPPropertyTests {
    @Test func serializeThenParseGivesTheSameCompound() async throws {
        await propertyCheck(count: 500, input: RTCPGenerators.compound) { compound in
            let bytes = try compound.serialized()
            #expect(bytes.count == compound.serializedLength)
            #expect(try CompoundPacket(parsing: bytes) == compound)
            var buffer = [UInt8](repeating: 0, count: bytes.count)
            #expect(try buffer.withUnsafeMutableBytes { try compound.serialize(into: $0) } == bytes.count)
            #expect(buffer == bytes)
        }
    }

    @Test func everyTruncationInsideAPacketThrows() async throws {
        await propertyCheck(count: 100, input: RTCPGenerators.compound) { compound in
            let bytes = try compound.serialized()
            var boundaries: Set<Int> = []
            var end = 0
            for packet in compound.packets {
                end += packet.serializedLength
                boundaries.insert(end)
            }
            let parsedPrefixes = bytes.withUnsafeBytes { whole in
                (0..<bytes.count).filter { (try? CompoundPacket(parsing: UnsafeRawBufferPointer(rebasing: whole[0..<$0]))) != nil }
            }
            #expect(parsedPrefixes.allSatisfy(boundaries.contains))
        }
    }

    @Test func corruptedCompoundsNeverTrap() async throws {
        let corruption = zip(RTCPGenerators.compound, Gen<UInt8>.value(in: 0...255).array(of: 1...8), Gen.int(in: 0...10_000).array(of: 8))
        await propertyCheck(count: 1000, input: corruption) { compound, values, positions in
            var bytes = try compound.serialized()
            for (value, position) in zip(values, positions) { bytes[position % bytes.count] = value }
            _ = try? CompoundPacket(parsing: bytes)
        }
    }

    @Test func randomGarbageNeverTraps() async {
        await propertyCheck(count: 3000, input: Gen<UInt8>.value(in: 0...255).array(of: 0...100)) { garbage in
            var bytes = garbage
            if bytes.count > 1 {
                bytes[0] = 0x80 | (bytes[0] & 0x3F)
                bytes[1] = 200 + bytes[1] % 7
            }
            _ = try? CompoundPacket(parsing: bytes)
        }
    }
}
