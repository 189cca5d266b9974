// Signaling frames (protocol.md §1): every WebSocket text frame a client or the server receives
// goes through SignalingCodec.decode, then the server validates join and customCmd parameters.
import Foundation
import FuzzSupport
import RTCSignaling

/// The first byte picks the direction (bit 0) and the entry (bit 1: String or Data); the rest is
/// the frame. Whatever decodes is validated as the server would, then must encode to a frame that
/// decodes to the same envelope.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let selector = input.byte()
    let frame = input.rest()
    if selector & 1 == 0 {
        check(ClientMessage.self, frame: frame, asText: selector & 2 != 0)
    } else {
        check(ServerMessage.self, frame: frame, asText: selector & 2 != 0)
    }
    return 0
}

private func check<Message: SignalingMessage>(_ type: Message.Type, frame: [UInt8], asText: Bool) {
    let envelope: SignalingEnvelope<Message>
    do {
        envelope =
            asText
            ? try SignalingCodec.decode(String(decoding: frame, as: UTF8.self), as: type)
            : try SignalingCodec.decode(Data(frame), as: type)
    } catch {
        _ = (error.code, error.requestId, error.description)  // what the server answers and logs
        return
    }
    if let message = envelope.message as? ClientMessage {
        switch message {
        case .join(let request): _ = try? request.parameters()
        case .customCmd(let request): _ = try? request.validate()
        default: break
        }
    }
    let encoded: String
    do {
        encoded = try SignalingCodec.encode(envelope)
    } catch {
        fuzzCheck(false, "a decoded \(envelope.message.type) does not encode: \(error)")
        return
    }
    do {
        let again = try SignalingCodec.decode(encoded, as: type, limit: .max)
        fuzzCheck(again == envelope, "round trip changed the message: \(envelope) → \(again)")
    } catch {
        fuzzCheck(false, "an encoded \(envelope.message.type) does not decode: \(error)\n\(encoded)")
    }
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzSignaling_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
