import Testing
@testable import RTCTransport

/// Passes datagrams between two endpoints in memory until neither has anything to send.
func handshakeInMemory(client: DTLSEndpoint, server: DTLSEndpoint) {
    var toServer = client.start()
    #expect(server.start().isEmpty)
    for _ in 0..<20 where !toServer.isEmpty {
        let toClient = toServer.flatMap { server.receive($0) }
        toServer = toClient.flatMap { client.receive($0) }
    }
}

@Suite struct DTLSEndpointTests {
    @Test func handshakeInMemoryDerivesMirroredGCMKeys() throws {
        let clientContext = try makeContext(), serverContext = try makeContext()
        let client = try DTLSEndpoint(
            context: clientContext, role: .client, expectedPeerFingerprint: serverContext.certificate.fingerprint)
        let server = try DTLSEndpoint(
            context: serverContext, role: .server, expectedPeerFingerprint: clientContext.certificate.fingerprint,
            peerAddress: "192.0.2.1:5000")
        #expect(client.state == .handshaking)
        handshakeInMemory(client: client, server: server)
        let clientKeys = try #require(client.srtpKeys)
        let serverKeys = try #require(server.srtpKeys)
        #expect(clientKeys.profile == .aeadAES128GCM)
        #expect(serverKeys.profile == .aeadAES128GCM)
        #expect(clientKeys.local == serverKeys.remote)
        #expect(clientKeys.remote == serverKeys.local)
        #expect(clientKeys.local != clientKeys.remote)
        #expect(clientKeys.local.masterKey.count == 16 && clientKeys.local.masterSalt.count == 12)
        #expect(client.nextTimeout == nil)
    }

    @Test func serverAsksForACookieBoundToThePeerAddress() throws {
        let clientContext = try makeContext(), serverContext = try makeContext()
        let client = try DTLSEndpoint(
            context: clientContext, role: .client, expectedPeerFingerprint: serverContext.certificate.fingerprint)
        func server(at address: String) throws -> DTLSEndpoint {
            try DTLSEndpoint(
                context: serverContext, role: .server,
                expectedPeerFingerprint: clientContext.certificate.fingerprint, peerAddress: address)
        }
        let first = try server(at: "192.0.2.1:5000"), elsewhere = try server(at: "192.0.2.99:6000")
        let hello = client.start()
        #expect(hello.map(handshakeType) == [1])  // ClientHello
        let verifyRequest = hello.flatMap { first.receive($0) }
        #expect(verifyRequest.map(handshakeType) == [3])  // HelloVerifyRequest (RFC 6347 §4.2.1)
        let helloWithCookie = verifyRequest.flatMap { client.receive($0) }
        #expect(helloWithCookie.map(handshakeType) == [1])

        // The cookie was issued to 192.0.2.1:5000: a server for another address refuses it.
        #expect(hello.flatMap { elsewhere.receive($0) }.map(handshakeType) == [3])
        #expect(helloWithCookie.flatMap { elsewhere.receive($0) }.allSatisfy { handshakeType($0) != 2 })
        guard case .failed(.dtlsHandshakeFailed(let errors)) = elsewhere.state else {
            Issue.record("expected a cookie mismatch, got \(elsewhere.state)")
            return
        }
        #expect(errors.contains { $0.contains("cookie mismatch") })

        // The right server answers with its flight, starting with ServerHello.
        let flight = helloWithCookie.flatMap { first.receive($0) }
        #expect(flight.first.flatMap(handshakeType) == 2)
        #expect(flight.allSatisfy { $0.count <= 1200 })
    }

    @Test func clientRetransmitsItsHelloWhenTheTimerExpires() async throws {
        let serverContext = try makeContext()
        let client = try DTLSEndpoint(
            context: try makeContext(), role: .client, expectedPeerFingerprint: serverContext.certificate.fingerprint)
        #expect(client.nextTimeout == nil)
        #expect(client.start().count == 1)
        let due = try #require(client.nextTimeout)
        #expect(due > .zero && due <= .milliseconds(100))
        try await Task.sleep(for: due + .milliseconds(20))
        #expect(client.handleTimeout().map(handshakeType) == [1])
        #expect(client.state == .handshaking)
    }

    @Test func fingerprintMismatchFailsBothSidesNamingBothFingerprints() throws {
        let clientContext = try makeContext(), serverContext = try makeContext()
        let impostor = try DTLSCertificate.generate().fingerprint
        let client = try DTLSEndpoint(context: clientContext, role: .client, expectedPeerFingerprint: impostor)
        let server = try DTLSEndpoint(
            context: serverContext, role: .server, expectedPeerFingerprint: clientContext.certificate.fingerprint)
        handshakeInMemory(client: client, server: server)
        #expect(client.state == .failed(.dtlsFingerprintMismatch(
            expected: impostor.description, actual: serverContext.certificate.fingerprint.description)))
        #expect(client.srtpKeys == nil)
        // The client's alert reaches the server, which fails too instead of waiting.
        guard case .failed(.dtlsHandshakeFailed(let errors)) = server.state else {
            Issue.record("expected the server to fail, got \(server.state)")
            return
        }
        #expect(errors.contains { $0.contains("bad certificate") }, "\(errors)")
        #expect(client.receive([22, 0xfe, 0xfd]).isEmpty)
        #expect(client.handleTimeout().isEmpty)
        #expect(client.nextTimeout == nil)
    }

    @Test func serverRejectsAClientWithTheWrongCertificate() throws {
        let clientContext = try makeContext(), serverContext = try makeContext()
        let impostor = try DTLSCertificate.generate().fingerprint
        let client = try DTLSEndpoint(
            context: clientContext, role: .client, expectedPeerFingerprint: serverContext.certificate.fingerprint)
        let server = try DTLSEndpoint(context: serverContext, role: .server, expectedPeerFingerprint: impostor)
        handshakeInMemory(client: client, server: server)
        #expect(server.state == .failed(.dtlsFingerprintMismatch(
            expected: impostor.description, actual: clientContext.certificate.fingerprint.description)))
        #expect(client.srtpKeys == nil)
    }

    @Test func garbageIsDroppedDuringAndAfterTheHandshake() throws {
        let clientContext = try makeContext(), serverContext = try makeContext()
        let client = try DTLSEndpoint(
            context: clientContext, role: .client, expectedPeerFingerprint: serverContext.certificate.fingerprint)
        let server = try DTLSEndpoint(
            context: serverContext, role: .server, expectedPeerFingerprint: clientContext.certificate.fingerprint)
        var generator = SplitMix64(seed: 42)
        var toServer = client.start()
        for _ in 0..<20 where !toServer.isEmpty {
            for datagram in garbage(&generator, count: 20) {
                #expect(server.receive(datagram).isEmpty)
                #expect(client.receive(datagram).isEmpty)
            }
            let toClient = toServer.flatMap { server.receive($0) }
            toServer = toClient.flatMap { client.receive($0) }
        }
        let keys = try #require(client.srtpKeys, "\(client.state) \(server.state)")
        #expect(server.srtpKeys?.remote == keys.local)
        for datagram in garbage(&generator, count: 500) {
            _ = client.receive(datagram)
            _ = server.receive(datagram)
        }
        #expect(client.state == .connected(keys))
        #expect(server.srtpKeys?.local == keys.remote)
    }
}

/// Datagrams that are not valid DTLS for this association: random bytes, and records with plausible
/// headers but wrong lengths, epochs or contents. (Forged plaintext handshake messages and alerts are
/// left out: until the Finished messages, DTLS 1.2 cannot tell them from the peer's.)
func garbage(_ generator: inout SplitMix64, count: Int) -> [[UInt8]] {
    (0..<count).map { index in
        let length = Int(generator.next() % 1400)
        var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        switch index % 6 {
        case 0 where length >= 13:  // a handshake record header with a length past the end
            bytes.replaceSubrange(0..<3, with: [22, 0xfe, 0xfd])
            bytes[11] = 0xff
        case 1 where length >= 13:  // an epoch-1 record that cannot authenticate
            bytes.replaceSubrange(0..<5, with: [23, 0xfe, 0xfd, 0, 1])
            bytes[11] = UInt8((length - 13) >> 8)
            bytes[12] = UInt8((length - 13) & 0xff)
        case 2:
            bytes = Array(bytes.prefix(Int(generator.next() % 14)))  // shorter than a record header
        case 3 where length >= 13:  // a well-formed plaintext ChangeCipherSpec or application data record
            bytes.replaceSubrange(0..<5, with: [generator.next() % 2 == 0 ? 20 : 23, 0xfe, 0xfd, 0, 0])
            bytes[11] = UInt8((length - 13) >> 8)
            bytes[12] = UInt8((length - 13) & 0xff)
        default:
            break
        }
        return bytes
    }
}
