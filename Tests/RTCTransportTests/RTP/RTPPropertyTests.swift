import PropertyBased
import Testing

@testable import RTCTransport

@Suite struct RTPPropertyTests {
    @Test func serializeThenParseGivesTheSamePacket() async throws {
        await propertyCheck(count: 500, input: RTPGenerators.packet) { packet in
            let bytes = try packet.serialized()
            #expect(bytes.count == packet.serializedLength)
            #expect(try RTPPacket(parsing: bytes) == packet)

            let layout = try RTPPacketLayout(parsing: bytes)
            #expect(layout.sequenceNumber == packet.header.sequenceNumber)
            #expect(layout.timestamp == packet.header.timestamp)
            #expect(layout.ssrc == packet.header.ssrc)
            #expect(layout.payloadType == packet.header.payloadType)
            #expect(layout.marker == packet.header.marker)
            #expect(Array(bytes[layout.payloadRange]) == packet.payload)
            #expect(layout.headerLength == packet.header.serializedLength)
            for element in packet.header.headerExtension?.elements ?? [] {
                let first = packet.header.headerExtension?.element(id: element.id)
                #expect(layout.extensionElement(id: element.id, in: bytes).map { Array(bytes[$0]) } == first)
            }
        }
    }

    @Test func serializingIntoABufferMatchesSerialized() async throws {
        await propertyCheck(count: 200, input: RTPGenerators.packet) { packet in
            var buffer = [UInt8](repeating: 0, count: 2048)
            let written = try buffer.withUnsafeMutableBytes { try packet.serialize(into: $0) }
            #expect(Array(buffer[0..<written]) == (try packet.serialized()))
        }
    }
}
