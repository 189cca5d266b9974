import PropertyBased
import Testing

@testable import RTCTransport

@Suite struct STUNMalformedTests {
    static let vectors = [
        PacketFixtures.rfc5769Request, PacketFixtures.rfc5769IPv4Response,
        PacketFixtures.rfc5769IPv6Response, PacketFixtures.rfc5769LongTermRequest,
    ]

    @Test(arguments: vectors) func everyTruncationThrows(vector: [UInt8]) {
        for length in 0..<vector.count {
            #expect(throws: TransportError.self) { try STUNMessage(decoding: Array(vector[0..<length])) }
        }
    }

    @Test func trailingBytesAreRefused() {
        #expect(throws: TransportError.self) { try STUNMessage(decoding: PacketFixtures.rfc5769Request + [0, 0, 0, 0]) }
    }

    @Test func aMissingMagicCookieIsRefused() {
        var bytes = PacketFixtures.rfc5769Request
        bytes[4] = 0
        #expect(throws: TransportError.malformed(what: "STUN message", reason: "no magic cookie")) {
            try STUNMessage(decoding: bytes)
        }
    }

    @Test func topBitsOfTheTypeMustBeZero() {
        var bytes = PacketFixtures.rfc5769Request
        bytes[0] |= 0x80
        #expect(throws: TransportError.self) { try STUNMessage(decoding: bytes) }
    }

    @Test func anAttributeLongerThanTheMessageIsRefused() {
        var bytes = PacketFixtures.rfc5769Request
        bytes[23] = 0x60  // SOFTWARE claims 96 bytes
        #expect(throws: TransportError.self) { try STUNMessage(decoding: bytes) }
    }

    @Test func knownAttributesWithBadValuesAreRefused() throws {
        let id = try STUNTransactionID.random()
        for (type, value) in [
            (0x0024, [UInt8](repeating: 0, count: 3)),  // PRIORITY
            (0x8029, [UInt8](repeating: 0, count: 4)),  // ICE-CONTROLLED
            (0x0025, [UInt8](repeating: 0, count: 4)),  // USE-CANDIDATE
            (0x0008, [UInt8](repeating: 0, count: 16)),  // MESSAGE-INTEGRITY
            (0x0020, [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),  // XOR-MAPPED-ADDRESS, IPv4 with 12 bytes
            (0x0020, [0, 3, 0, 0, 0, 0, 0, 0]),  // unknown family
            (0x0009, [0, 0, 2, 0]),  // ERROR-CODE class 2
            (0x0006, [0xFF, 0xFE]),  // USERNAME not UTF-8
        ] {
            let padded = value + Array(repeating: 0, count: (4 - value.count % 4) % 4)
            let body = [UInt8(type >> 8), UInt8(type & 0xFF), 0, UInt8(value.count)] + padded
            let bytes = [0, 1, 0, UInt8(body.count), 0x21, 0x12, 0xA4, 0x42] + id.bytes + body
            #expect(throws: TransportError.self, "type \(type)") { try STUNMessage(decoding: bytes) }
        }
    }

    @Test func randomGarbageNeverTraps() async {
        await propertyCheck(count: 2000, input: Gen<UInt8>.value(in: 0...255).array(of: 0...120)) { bytes in
            _ = try? STUNMessage(decoding: bytes)
        }
    }

    @Test func randomAttributesBehindAValidHeaderNeverTrap() async {
        await propertyCheck(count: 2000, input: Gen<UInt8>.value(in: 0...255).array(of: 0...30)) { words in
            let body = Array(words.prefix(words.count & ~3))
            var bytes = Array(PacketFixtures.rfc5769Request[0..<20]) + body
            bytes[2] = 0
            bytes[3] = UInt8(body.count)
            if let decoded = try? STUNMessage(decoding: bytes) {
                _ = decoded.verifyIntegrity(key: [1])
                _ = decoded.verifyFingerprint()
            }
        }
    }
}
