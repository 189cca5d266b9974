// RTCP compound parsing (RFC 3550 §6, §A.2; RFC 4585 feedback): every SRTCP packet the server
// unprotects is walked by this parser.
import FuzzSupport
import RTCTransport

/// Parses the input as a compound packet; what parses and serializes must parse back to the same
/// packets and serialize to the same bytes again. Serializing may refuse values the wire cannot
/// carry (a body that is not whole words, a repaired BYE reason over 255 bytes), never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let compound = try? CompoundPacket(parsing: bytes) else { return 0 }
    fuzzCheck(!compound.packets.isEmpty, "a compound packet parsed without packets")
    for packet in compound.packets {
        switch packet {
        case .sourceDescription(let description): _ = description.chunks.map(\.cname)
        case .transportLayerNACK(let nack): _ = nack.lostSequenceNumbers
        case .senderReport(let report): _ = report.compactNTPTimestamp
        default: break
        }
    }
    guard let serialized = try? compound.serialized() else { return 0 }
    fuzzCheck(serialized.count == compound.serializedLength, "serializedLength is not the serialized length")
    let again: CompoundPacket
    do {
        again = try CompoundPacket(parsing: serialized)
    } catch {
        fuzzCheck(false, "a serialized compound does not parse: \(error)")
        return 0
    }
    fuzzCheck(again == compound, "round trip changed the packets: \(compound) → \(again)")
    fuzzCheck((try? again.serialized()) == serialized, "serializing is not stable")
    return 0
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzRTCP_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
