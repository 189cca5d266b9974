// STUN decode + verify (RFC 8489): any datagram that starts like STUN reaches this on the media port.
import FuzzSupport
import RTCTransport

/// The short-term password of the RFC 5769 vectors in the seed corpus, so their integrity verifies.
private let password = Array("VOkJxbRl1RmTxUk/WvJxBt".utf8)

/// Decodes the input as a STUN message, runs both checks, and re-encodes what decoded: the
/// encoding must decode to the same message and pass its own integrity and fingerprint checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let message = try? STUNMessage(decoding: bytes) else { return 0 }
    fuzzCheck(message.verifyFingerprint() == false || message.hasFingerprint, "a fingerprint verified without one")
    fuzzCheck(message.verifyIntegrity(key: password) == false || message.hasMessageIntegrity, "integrity verified without it")
    // What the ICE-lite server reads from a request before answering it.
    _ = (message.username, message.priority, message.useCandidate, message.iceRole, message.errorCode)
    _ = (message.xorMappedAddress, message.mappedAddress, message.software, message.unknownComprehensionRequiredTypes)

    let encoded: [UInt8]
    do {
        encoded = try message.encoded(integrityKey: password, fingerprint: true)
    } catch TransportError.invalidValue(what: "STUN message length", _) {
        return 0  // a repaired SOFTWARE/reason text grew past what one message holds
    } catch {
        fuzzCheck(false, "a decoded message does not encode: \(error)")
        return 0
    }
    let again: STUNMessage
    do {
        again = try STUNMessage(decoding: encoded)
    } catch {
        fuzzCheck(false, "an encoded message does not decode: \(error)")
        return 0
    }
    func body(_ message: STUNMessage) -> [STUNAttribute] {
        message.attributes.filter { $0.type != .messageIntegrity && $0.type != .fingerprint }
    }
    fuzzCheck(again.type == message.type && again.transactionID == message.transactionID, "header changed")
    fuzzCheck(body(again) == body(message), "attributes changed: \(body(message)) → \(body(again))")
    fuzzCheck(again.verifyIntegrity(key: password), "re-encoded integrity does not verify")
    fuzzCheck(again.verifyFingerprint(), "re-encoded fingerprint does not verify")
    return 0
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzSTUN_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
