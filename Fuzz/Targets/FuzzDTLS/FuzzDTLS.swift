// DTLS 1.2 (RFC 6347, RFC 5764) as the media port runs it: records screened by DTLSDatagramFilter,
// then handed to OpenSSL through DTLSEndpoint; and the signaled fingerprint (RFC 8122 §5) parser.
import FuzzSupport
import RTCTransport

/// Two identities made once per process: the room server's and a client's.
private let serverContext = makeContext()
private let clientContext = makeContext()

private func makeContext() -> DTLSContext {
    do {
        return try DTLSContext(certificate: try DTLSCertificate.generate())
    } catch {
        fatalError("cannot create a DTLS context: \(error)")
    }
}

/// The first byte picks the mode (low two bits):
/// 0, 1: a server (0) or client (1) endpoint is fed the rest as datagrams, each prefixed by a
///       2-byte length: forged or garbage input never completes a handshake or yields keys;
/// 2: a real client and server handshake in memory while one datagram (chosen by the next byte)
///    is changed as the input says: they either agree on the same keys or do not connect, and
///    with nothing changed they always connect;
/// 3: the rest is a peer's `dtls.fingerprint` text: what parses is `sha-256` and 32 hex pairs, and
///    prints back as a text that parses to the same fingerprint.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    switch input.byte() & 3 {
    case 0: forged(role: .server, &input)
    case 1: forged(role: .client, &input)
    case 2: handshake(&input)
    default: fingerprint(input.rest())
    }
    return 0
}

private func endpoint(_ role: DTLSRole) -> DTLSEndpoint {
    let (context, peer) = role == .server ? (serverContext, clientContext) : (clientContext, serverContext)
    do {
        return try DTLSEndpoint(
            context: context, role: role, expectedPeerFingerprint: peer.certificate.fingerprint,
            peerAddress: "192.0.2.7:5000")
    } catch {
        fatalError("cannot create a DTLS endpoint: \(error)")
    }
}

private func forged(role: DTLSRole, _ input: inout FuzzInput) {
    let endpoint = endpoint(role)
    _ = endpoint.start()
    while input.remaining > 0 {
        let length = Int(input.byte()) << 8 | Int(input.byte())
        _ = endpoint.receive(input.bytes(length))
        if case .connected = endpoint.state {
            fuzzCheck(false, "a \(role) endpoint connected on forged datagrams")
        }
    }
}

private func handshake(_ input: inout FuzzInput) {
    let client = endpoint(.client)
    let server = endpoint(.server)
    let changed = Int(input.byte())
    let change = input.byte()
    let bytes = input.rest()
    var count = 0
    var applied = false
    /// The datagrams to deliver, with the one numbered `changed` changed as the input says.
    func tampered(_ datagrams: [[UInt8]]) -> [[UInt8]] {
        datagrams.flatMap { datagram -> [[UInt8]] in
            defer { count += 1 }
            guard count == changed else { return [datagram] }
            applied = true
            switch change & 3 {
            case 0: return []  // dropped
            case 1: return [datagram, datagram]  // duplicated
            case 2: return [Array(datagram.prefix(bytes.count))]  // truncated
            default:  // XOR with the input's bytes, from an offset
                var copy = datagram
                let start = Int(change >> 2)
                for (index, byte) in bytes.enumerated() where start + index < copy.count { copy[start + index] ^= byte }
                return [copy]
            }
        }
    }
    var toServer = tampered(client.start())
    var rounds = 0
    while !toServer.isEmpty, rounds < 8 {
        rounds += 1
        let toClient = tampered(toServer.flatMap { server.receive($0) })
        toServer = tampered(toClient.flatMap { client.receive($0) })
    }
    switch (client.srtpKeys, server.srtpKeys) {
    case (let clientKeys?, let serverKeys?):
        fuzzCheck(
            clientKeys.profile == serverKeys.profile && clientKeys.local == serverKeys.remote
                && clientKeys.remote == serverKeys.local,
            "client and server connected with different keys")
    default:
        fuzzCheck(applied, "an untouched handshake did not connect: client \(client.state), server \(server.state)")
    }
}

private func fingerprint(_ bytes: [UInt8]) {
    guard let parsed = try? DTLSFingerprint(parsing: String(decoding: bytes, as: UTF8.self)) else { return }
    let digest = bytes.split(separator: UInt8(ascii: " ")).last ?? []
    fuzzCheck(
        digest.allSatisfy { $0 == UInt8(ascii: ":") || isHexDigit($0) },
        "\"\(String(decoding: bytes, as: UTF8.self))\" parsed, but its digest is not hex pairs")
    fuzzCheck((try? DTLSFingerprint(parsing: parsed.description)) == parsed, "the printed fingerprint does not parse back")
}

/// 0-9, a-f, A-F.
private func isHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzDTLS_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
