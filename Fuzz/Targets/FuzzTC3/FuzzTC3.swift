// TC3-HMAC-SHA256 (rest-api.md): the REST endpoint parses every request's Authorization header and
// recomputes its signature before it reads the body.
import FuzzSupport
import RTCSignaling

private let secretId = "AKIDfuzz0123456789"
private let secretKey = "fuzz-secret-key"
private let verifier = TC3Verifier { $0 == secretId ? secretKey : nil }
/// A fixed clock, so that a run is reproducible.
private let now: Int64 = 1_700_000_000

/// The first byte picks the mode (bit 0), then NUL-separated fields:
/// 0: Authorization, X-TC-Timestamp, Content-Type, Host, method, query; the rest is the body. The
///    request is verified as the endpoint would.
/// 1: Content-Type, Host, method, query, a skew byte; the rest is the body. A request signed with
///    TC3Signer must verify, and must not once its body or timestamp changes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    if input.byte() & 1 == 0 {
        let headers = [
            "Authorization": input.text(), "X-TC-Timestamp": input.text(), "Content-Type": input.text(),
            "Host": input.text(),
        ]
        let method = input.text()
        let query = input.text()
        let request = TC3Request(method: method, query: query, headers: headers, body: input.rest())
        do {
            let signer = try verifier.verify(request, now: now)
            fuzzCheck(signer == secretId, "verified as an unknown SecretId \(signer)")
        } catch {
            _ = (error.cloudAPICode, error.description)  // what the endpoint answers
        }
    } else {
        signAndVerify(&input)
    }
    return 0
}

private func signAndVerify(_ input: inout FuzzInput) {
    let contentType = input.text()
    let host = input.text()
    let method = input.text()
    let query = input.text()
    let timestamp = now + Int64(input.byte()) - 128  // within the 5-minute window
    let body = input.rest()
    let signer = TC3Signer(secretId: secretId, secretKey: secretKey)
    func request(body: [UInt8], timestamp: Int64) -> TC3Request {
        let authorization = signer.authorization(
            method: method, query: query, contentType: contentType, host: host, body: body, timestamp: timestamp)
        return TC3Request(
            method: method, query: query,
            headers: [
                "Authorization": authorization, "Content-Type": contentType, "Host": host,
                "X-TC-Timestamp": String(timestamp),
            ],
            body: body)
    }
    var signed = request(body: body, timestamp: timestamp)
    do {
        let verified = try verifier.verify(signed, now: now)
        fuzzCheck(verified == secretId, "verified as another SecretId")
    } catch {
        fuzzCheck(false, "a request signed by TC3Signer does not verify: \(error)")
    }
    if !body.isEmpty {
        var altered = signed
        altered.body[body.count / 2] ^= 0x20
        fuzzCheck((try? verifier.verify(altered, now: now)) == nil, "a request with an altered body verified")
    }
    signed = request(body: body, timestamp: now - TC3Verifier.defaultMaxSkew - 1 - Int64(input.byte()))
    fuzzCheck((try? verifier.verify(signed, now: now)) == nil, "a request older than the allowed skew verified")
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzTC3_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
