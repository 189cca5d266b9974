import PropertyBased
import Testing

@testable import RTCTransport

@Suite struct STUNPropertyTests {
    @Test func encodeThenDecodeGivesTheSameMessage() async throws {
        await propertyCheck(count: 300, input: STUNGenerators.message) { message in
            let decoded = try STUNMessage(decoding: try message.encoded())
            #expect(decoded == message)
            #expect(!decoded.hasMessageIntegrity && !decoded.hasFingerprint)
        }
    }

    @Test func integrityAndFingerprintVerifyAfterARoundTrip() async throws {
        let keys = Gen<UInt8>.value(in: 0...255).array(of: 0...80)
        await propertyCheck(count: 300, input: STUNGenerators.message, keys) { message, key in
            let bytes = try message.encoded(integrityKey: key, fingerprint: true)
            let decoded = try STUNMessage(decoding: bytes)
            #expect(Array(decoded.attributes.dropLast(2)) == message.attributes)
            #expect(decoded.verifyIntegrity(key: key))
            #expect(!decoded.verifyIntegrity(key: key + [1]))  // not [0]: HMAC zero-pads short keys
            #expect(decoded.verifyFingerprint())
        }
    }

    @Test func flippingAnyBitBreaksDecodingOrVerification() async throws {
        let message = STUNMessage.bindingRequest(
            transactionID: try .random(), username: "server:client", priority: 1_853_817_087,
            role: .controlling(tieBreaker: 42), useCandidate: true)
        let key = Array("a password of 22 chars".utf8)
        let bytes = try message.encoded(integrityKey: key, fingerprint: true)
        await propertyCheck(count: 500, input: Gen.int(in: 0..<bytes.count * 8)) { bit in
            var corrupted = bytes
            corrupted[bit / 8] ^= 1 << (bit % 8)
            guard let decoded = try? STUNMessage(decoding: corrupted) else { return }
            #expect(!(decoded.verifyIntegrity(key: key) && decoded.verifyFingerprint()))
        }
    }

    @Test func messageTypeRoundTripsForEveryMethodAndClass() async {
        await propertyCheck(count: 300, input: Gen.uint16(in: 0...0xFFF), Gen<STUNClass>.case) { method, stunClass in
            let type = STUNMessageType(method: STUNMethod(rawValue: method)!, class: stunClass)
            #expect(type.rawValue & 0xC000 == 0)
            #expect(STUNMessageType(rawValue: type.rawValue) == type)
        }
    }
}
