import PropertyBased

@testable import RTCTransport

/// Random STUN values for property checks.
enum STUNGenerators {
    static func address(_ rng: inout any SeededRandomNumberGenerator) -> TransportAddress {
        let ip: IPAddress =
            Bool.random(using: &rng)
            ? .v4(UInt32.random(in: .min ... .max, using: &rng))
            : .v6(UInt64.random(in: .min ... .max, using: &rng), UInt64.random(in: .min ... .max, using: &rng))
        return TransportAddress(ip: ip, port: UInt16.random(in: .min ... .max, using: &rng))
    }

    static func text(_ rng: inout any SeededRandomNumberGenerator, maxCount: Int) -> String {
        let alphabet = Array("abcXYZ019:+/ é€😀")
        var text = ""
        for _ in 0..<Int.random(in: 0...maxCount, using: &rng) {
            let next = alphabet.randomElement(using: &rng)!
            if text.utf8.count + String(next).utf8.count > maxCount { break }
            text.append(next)
        }
        return text
    }

    static func bytes(_ rng: inout any SeededRandomNumberGenerator, count: ClosedRange<Int>) -> [UInt8] {
        (0..<Int.random(in: count, using: &rng)).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
    }

    /// Any attribute this implementation encodes, except MESSAGE-INTEGRITY and FINGERPRINT.
    static func attribute(_ rng: inout any SeededRandomNumberGenerator) -> STUNAttribute {
        switch Int.random(in: 0..<11, using: &rng) {
        case 0: return .mappedAddress(address(&rng))
        case 1: return .xorMappedAddress(address(&rng))
        case 2: return .username(text(&rng, maxCount: 512))
        case 3:
            let code = Int.random(in: 300...699, using: &rng)
            return .errorCode(STUNErrorCode(code: code, reason: text(&rng, maxCount: 100)))
        case 4: return .priority(UInt32.random(in: .min ... .max, using: &rng))
        case 5: return .useCandidate
        case 6: return .iceControlled(tieBreaker: UInt64.random(in: .min ... .max, using: &rng))
        case 7: return .iceControlling(tieBreaker: UInt64.random(in: .min ... .max, using: &rng))
        case 8: return .software(text(&rng, maxCount: 100))
        default:
            let known: Set<UInt16> = [0x0001, 0x0006, 0x0008, 0x0009, 0x0020, 0x0024, 0x0025, 0x8022, 0x8028, 0x8029, 0x802A]
            var type = UInt16.random(in: .min ... .max, using: &rng)
            while known.contains(type) { type &+= 1 }
            return .other(type: STUNAttributeType(rawValue: type), value: bytes(&rng, count: 0...40))
        }
    }

    /// A message of any method and class with up to eight attributes.
    static let message = Generator<STUNMessage, Shrink.None<STUNMessage>> { rng in
        let type = STUNMessageType(
            method: STUNMethod(rawValue: UInt16.random(in: 0...0xFFF, using: &rng))!,
            class: STUNClass.allCases.randomElement(using: &rng)!)
        var idBytes: [UInt8] = []
        for _ in 0..<12 { idBytes.append(UInt8.random(in: .min ... .max, using: &rng)) }
        var attributes: [STUNAttribute] = []
        for _ in 0..<Int.random(in: 0...8, using: &rng) { attributes.append(attribute(&rng)) }
        return STUNMessage(type: type, transactionID: STUNTransactionID(bytes: idBytes)!, attributes: attributes)
    }
}
