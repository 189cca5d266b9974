import PropertyBased

@testable import RTCTransport

/// Random RTCP values for property checks.
enum RTCPGenerators {
    static func u32(_ rng: inout any SeededRandomNumberGenerator) -> UInt32 {
        UInt32.random(in: .min ... .max, using: &rng)
    }

    static func words(_ rng: inout any SeededRandomNumberGenerator, maxWords: Int) -> [UInt8] {
        let words = Int.random(in: 0...maxWords, using: &rng)
        return STUNGenerators.bytes(&rng, count: 4 * words...4 * words)
    }

    static func reports(_ rng: inout any SeededRandomNumberGenerator) -> [ReceptionReport] {
        (0..<Int.random(in: 0...31, using: &rng)).map { _ in
            ReceptionReport(
                ssrc: u32(&rng), fractionLost: UInt8.random(in: .min ... .max, using: &rng),
                cumulativeLost: Int32.random(in: -0x80_0000...0x7F_FFFF, using: &rng),
                extendedHighestSequenceNumber: u32(&rng), jitter: u32(&rng), lastSenderReport: u32(&rng),
                delaySinceLastSenderReport: u32(&rng))
        }
    }

    static func packet(_ rng: inout any SeededRandomNumberGenerator, first: Bool) -> RTCPPacket {
        switch Int.random(in: 0..<(first ? 3 : 8), using: &rng) {
        case 0:
            return .senderReport(
                SenderReport(
                    ssrc: u32(&rng), ntpTimestamp: UInt64.random(in: .min ... .max, using: &rng), rtpTimestamp: u32(&rng),
                    packetCount: u32(&rng), octetCount: u32(&rng), reports: reports(&rng),
                    profileExtensions: words(&rng, maxWords: 3)))
        case 1:
            return .receiverReport(ReceiverReport(ssrc: u32(&rng), reports: reports(&rng), profileExtensions: words(&rng, maxWords: 3)))
        case 2:
            let reason = Bool.random(using: &rng) ? nil : STUNGenerators.text(&rng, maxCount: 255)
            return .goodbye(Goodbye(sources: (0..<Int.random(in: 0...31, using: &rng)).map { _ in u32(&rng) }, reason: reason))
        case 3:
            let chunks = (0..<Int.random(in: 0...8, using: &rng)).map { _ in
                SourceDescriptionChunk(
                    source: u32(&rng),
                    items: (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                        SourceDescriptionItem(type: UInt8.random(in: 1...255, using: &rng), value: STUNGenerators.bytes(&rng, count: Bool.random(using: &rng) ? 0...16 : 0...255))
                    })
            }
            return .sourceDescription(SourceDescription(chunks: chunks))
        case 4:
            let name = String((0..<4).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0...127, using: &rng))) })
            return .applicationDefined(
                ApplicationDefined(subtype: UInt8.random(in: 0...31, using: &rng), ssrc: u32(&rng), name: name, data: words(&rng, maxWords: 4)))
        case 5:
            let pairs = (0..<Int.random(in: 1...10, using: &rng)).map { _ in
                NACKPair(packetID: UInt16.random(in: .min ... .max, using: &rng), lostBitmask: UInt16.random(in: .min ... .max, using: &rng))
            }
            return .transportLayerNACK(TransportLayerNACK(senderSSRC: u32(&rng), mediaSSRC: u32(&rng), pairs: pairs))
        case 6:
            return .pictureLossIndication(PictureLossIndication(senderSSRC: u32(&rng), mediaSSRC: u32(&rng)))
        default:
            var type = UInt8.random(in: .min ... .max, using: &rng)
            var count = UInt8.random(in: 0...31, using: &rng)
            if (200...204).contains(type) { type = 207 }
            if (205...206).contains(type) && count == 1 { count = 2 }
            return .unknown(UnknownRTCPPacket(packetType: RTCPPacketType(rawValue: type), count: count, body: words(&rng, maxWords: 5)))
        }
    }

    /// A compound whose first packet is an SR, RR or BYE, followed by up to five of any type.
    static let compound = Generator<CompoundPacket, Shrink.None<CompoundPacket>> { rng in
        var packets = [packet(&rng, first: true)]
        for _ in 0..<Int.random(in: 0...5, using: &rng) { packets.append(packet(&rng, first: false)) }
        return CompoundPacket(packets: packets)
    }
}
