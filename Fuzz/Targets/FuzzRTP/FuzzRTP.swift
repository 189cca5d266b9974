// RTP parsing (RFC 3550 §5.1, RFC 8285 extensions): the in-place layout the SFU forwards with and
// the copying parse the client uses, checked against each other and round-tripped.
import FuzzSupport
import RTCTransport

/// Parses the input both ways; whatever parses must agree field by field, and the copied packet
/// must serialize to bytes that parse back to the same packet (and serialize to the same bytes).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let layout = try? RTPPacketLayout(parsing: bytes) else {
        fuzzCheck((try? RTPPacket(parsing: bytes)) == nil, "RTPPacket parsed what RTPPacketLayout refused")
        return 0
    }
    fuzzCheck(layout.payloadRange.upperBound + layout.paddingLength == size, "layout does not cover the packet")
    fuzzCheck(layout.extensionRange.upperBound <= layout.headerLength, "extension past the header")
    for index in 0..<layout.csrcCount { _ = layout.csrc(at: index, in: bytes) }
    for id in UInt8(0)...15 { _ = layout.extensionElement(id: id, in: bytes) }
    _ = layout.audioLevel(in: bytes)

    // The copying parse may still refuse a malformed RFC 8285 block the layout does not walk.
    guard let packet = try? RTPPacket(parsing: bytes) else { return 0 }
    let header = packet.header
    fuzzCheck(
        header.marker == layout.marker && header.payloadType == layout.payloadType
            && header.sequenceNumber == layout.sequenceNumber && header.timestamp == layout.timestamp
            && header.ssrc == layout.ssrc && header.csrcs.count == layout.csrcCount,
        "RTPHeader and RTPPacketLayout disagree")
    fuzzCheck(packet.payload.elementsEqual(bytes[layout.payloadRange]), "payload differs from the layout's range")
    fuzzCheck(packet.paddingLength == layout.paddingLength, "padding differs")
    if let block = header.headerExtension {
        for id in Set(block.elements.map(\.id)) {
            let range = layout.extensionElement(id: id, in: bytes)
            fuzzCheck(range.map { Array(bytes[$0]) } == block.element(id: id), "extension element \(id) differs")
        }
    }
    fuzzCheck(header.audioLevel() == layout.audioLevel(in: bytes), "audio levels differ")

    let serialized: [UInt8]
    do {
        serialized = try packet.serialized()
    } catch {
        fuzzCheck(false, "a parsed packet does not serialize: \(error)")
        return 0
    }
    fuzzCheck(serialized.count == packet.serializedLength, "serializedLength is not the serialized length")
    guard let again = try? RTPPacket(parsing: serialized) else {
        fuzzCheck(false, "a serialized packet does not parse")
        return 0
    }
    fuzzCheck(again == packet, "round trip changed the packet: \(packet) → \(again)")
    fuzzCheck((try? again.serialized()) == serialized, "serializing is not stable")
    return 0
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzRTP_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
