// UserSig (TLSSigAPIv2, usersig.md): the server opens every `join`'s sig: URL-safe base64, zlib
// (bounded: 16 KiB), JSON, then the identity, HMAC and expiry checks.
import CZlib
import Foundation
import FuzzSupport
import RTCSignaling

/// The app and key every mode verifies against.
private let issuer = UserSigIssuer(sdkAppId: 1_400_000_001, secretKey: "fuzz-secret-key")
/// A fixed clock, so that a run is reproducible.
private let now: Int64 = 1_700_000_000

/// The first byte picks the mode (low two bits):
/// 0: the rest is the sig text as a client sends it;
/// 1: the rest is the JSON inside, compressed and encoded here so the fuzzer reaches the JSON and
///    the checks behind it; bit 2 appends spaces (the next two bytes × 16, up to 1 MiB), the zlib-bomb
///    path: anything that inflates past 16 KiB must be refused as such;
/// 2: a sig generated for fuzzed user, userbuf, time and lifetime must verify exactly when it has
///    not expired, with the fields it was made with; verifying as another user must fail.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let selector = input.byte()
    switch selector & 3 {
    case 0:
        _ = try? issuer.verify(String(decoding: input.rest(), as: UTF8.self), userId: "alice", now: now)
    case 1:
        let count = input.bytes(2).reduce(0) { $0 << 8 | Int($1) }
        let padding = selector & 4 != 0 ? count * 16 : 0
        let document = input.rest() + [UInt8](repeating: UInt8(ascii: " "), count: padding)
        let sig = urlSafeBase64(compress(document))
        do {
            _ = try issuer.verify(sig, userId: "alice", now: now)
            fuzzCheck(document.count <= UserSigIssuer.maxInflatedBytes, "a sig inflating to \(document.count) bytes was accepted")
        } catch {
            if document.count > UserSigIssuer.maxInflatedBytes, sig.utf8.count <= UserSigIssuer.maxSigLength {
                fuzzCheck(
                    error == .userSigRejected(.inflatesTooLarge(limit: UserSigIssuer.maxInflatedBytes)),
                    "a sig inflating to \(document.count) bytes was refused as \(error)")
            }
        }
    default:
        roundTrip(&input)
    }
    return 0
}

private func roundTrip(_ input: inout FuzzInput) {
    let time = Int64(bitPattern: UInt64(input.bytes(8).reduce(0) { $0 << 8 | UInt64($1) }))
    let expire = Int64(bitPattern: UInt64(input.bytes(8).reduce(0) { $0 << 8 | UInt64($1) }))
    let userId = input.text(until: 0)
    let userbufBytes = input.rest()
    let userbuf = userbufBytes.isEmpty ? nil : Data(userbufBytes)
    let sig = issuer.generate(userId: userId, expire: expire, userbuf: userbuf, now: time)
    let (expiresAt, overflow) = time.addingReportingOverflow(expire)
    let valid = !overflow && expiresAt > now
    do {
        let verified = try issuer.verify(sig, userId: userId, now: now)
        fuzzCheck(valid, "an expired sig verified: time \(time) expire \(expire)")
        fuzzCheck(
            verified.identifier == userId && verified.sdkAppId == issuer.sdkAppId && verified.time == time
                && verified.expire == expire && verified.userbuf == userbuf,
            "verified fields differ from the generated ones: \(verified)")
    } catch {
        let tooLong = sig.utf8.count > UserSigIssuer.maxSigLength
        fuzzCheck(!valid || tooLong, "a valid generated sig was refused: \(error)")
    }
    fuzzCheck((try? issuer.verify(sig, userId: userId + "x", now: now)) == nil, "a sig verified for another user")
}

/// `bytes` as one zlib stream (RFC 1950), as TLSSigAPIv2 generators write it.
private func compress(_ bytes: [UInt8]) -> [UInt8] {
    var capacity = compressBound(UInt(bytes.count))
    var output = [UInt8](repeating: 0, count: Int(capacity))
    let status = bytes.withUnsafeBufferPointer { input in
        compress2(&output, &capacity, input.baseAddress, UInt(input.count), Z_DEFAULT_COMPRESSION)
    }
    fuzzCheck(status == Z_OK, "zlib compress2 failed: \(status)")
    return Array(output.prefix(Int(capacity)))
}

/// Base64 with TLSSigAPIv2's substitutions `+` → `*`, `/` → `-`, `=` → `_`.
private func urlSafeBase64(_ bytes: [UInt8]) -> String {
    String(Data(bytes).base64EncodedString().map { $0 == "+" ? "*" : $0 == "/" ? "-" : $0 == "=" ? "_" : $0 })
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzUserSig_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
