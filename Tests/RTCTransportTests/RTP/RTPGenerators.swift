import PropertyBased

@testable import RTCTransport

/// Random RTP values for property checks.
enum RTPGenerators {
    static func elements(_ rng: inout any SeededRandomNumberGenerator, ids: ClosedRange<UInt8>, lengths: ClosedRange<Int>) -> [RTPExtensionElement] {
        (0..<Int.random(in: 0...4, using: &rng)).map { _ in
            RTPExtensionElement(
                id: UInt8.random(in: ids, using: &rng),
                data: STUNGenerators.bytes(&rng, count: lengths))
        }
    }

    static func headerExtension(_ rng: inout any SeededRandomNumberGenerator) -> RTPHeaderExtension? {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return nil
        case 1: return .oneByte(elements(&rng, ids: 1...14, lengths: 1...16))
        case 2: return .twoByte(appBits: UInt8.random(in: 0...15, using: &rng), elements(&rng, ids: 1...255, lengths: 0...40))
        default:
            var profile = UInt16.random(in: .min ... .max, using: &rng)
            if profile == 0xBEDE || profile & 0xFFF0 == 0x1000 { profile = 0 }
            let words = Int.random(in: 0...5, using: &rng)
            return .opaque(profile: profile, data: STUNGenerators.bytes(&rng, count: 4 * words...4 * words))
        }
    }

    static let packet = Generator<RTPPacket, Shrink.None<RTPPacket>> { rng in
        let header = RTPHeader(
            payloadType: UInt8.random(in: 0...127, using: &rng),
            sequenceNumber: UInt16.random(in: .min ... .max, using: &rng),
            timestamp: UInt32.random(in: .min ... .max, using: &rng),
            ssrc: UInt32.random(in: .min ... .max, using: &rng),
            marker: Bool.random(using: &rng),
            csrcs: (0..<Int.random(in: 0...15, using: &rng)).map { _ in UInt32.random(in: .min ... .max, using: &rng) },
            headerExtension: headerExtension(&rng))
        let padding = Bool.random(using: &rng) ? 0 : Int.random(in: 1...255, using: &rng)
        return RTPPacket(header: header, payload: STUNGenerators.bytes(&rng, count: 0...200), paddingLength: padding)
    }
}
