import Foundation
import Testing
@testable import RTCTransport

/// Our endpoints against OpenSSL's own DTLS peers (`openssl s_server` / `s_client`) over UDP on 127.0.0.1:
/// the SRTP profile and the exported keying material must agree with what the openssl tool prints.
@Suite struct DTLSInteropTests {
    /// A certificate and key made by `openssl req`, with the fingerprint `openssl x509` prints for it.
    struct PeerIdentity {
        let certificatePath: String
        let keyPath: String
        let fingerprint: DTLSFingerprint

        init(in directory: TemporaryDirectory, name: String) throws {
            certificatePath = directory.path("\(name)-cert.pem")
            keyPath = directory.path("\(name)-key.pem")
            _ = try runOpenSSL([
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", keyPath, "-out", certificatePath, "-days", "1", "-subj", "/CN=\(name)",
            ])
            let printed = try runOpenSSL(["x509", "-in", certificatePath, "-noout", "-fingerprint", "-sha256"])
            let hex = try #require(printed.split(separator: "=").last).trimmingCharacters(in: .whitespacesAndNewlines)
            fingerprint = try DTLSFingerprint(parsing: "sha-256 " + hex)
        }
    }

    /// What a run produced: our endpoint's state and the openssl tool's output.
    struct Outcome: Sendable {
        let state: DTLSState?
        let toolOutput: String
        let toolKeyingMaterial: String?
    }

    /// The keying material as the exporter laid it out: client key | server key | client salt | server salt.
    static func exportedHex(_ keys: DTLSSRTPKeys, role: DTLSRole) -> String {
        let (client, server) = role == .client ? (keys.local, keys.remote) : (keys.remote, keys.local)
        return hexString(client.masterKey + server.masterKey + client.masterSalt + server.masterSalt)
    }

    static func keyExportArguments(_ profile: SRTPProfile) -> [String] {
        ["-use_srtp", profile.dtlsName, "-keymatexport", "EXTRACTOR-dtls_srtp",
         "-keymatexportlen", "\(DTLSSRTPKeys.exportLength(for: profile))"]
    }

    /// Runs the pump until our endpoint fails, or it is connected and the tool has printed its keying material.
    static func pump(_ leg: DTLSLeg, with tool: OpenSSLTool) throws {
        _ = try DatagramPump(legs: [leg]).run(timeout: .seconds(30)) {
            if case .failed = leg.state { return true }
            return leg.keys != nil && tool.output.contains("Keying material: ")
        }
    }

    @Test(arguments: SRTPProfile.allCases)
    func ourClientAgainstOpenSSLServer(profile: SRTPProfile) async throws {
        let context = try makeContext()
        let outcome = try await onThread {
            let directory = try TemporaryDirectory()
            let peer = try PeerIdentity(in: directory, name: "openssl-s_server")
            // Find a free port: take one the kernel picked, release it, and retry if s_server loses the race.
            for _ in 0..<5 {
                let port = try UDPSocket(bindingTo: loopbackAnyPort).localAddress.port
                let tool = try OpenSSLTool(
                    ["s_server", "-dtls1_2", "-accept", "127.0.0.1:\(port)", "-cert", peer.certificatePath,
                     "-key", peer.keyPath, "-verify", "1", "-naccept", "1"] + Self.keyExportArguments(profile))
                defer { tool.stop() }
                guard tool.wait(for: "ACCEPT", timeout: .seconds(10)) else { continue }
                let leg = try DTLSLeg(
                    socket: UDPSocket(bindingTo: loopbackAnyPort), peer: UDPAddress(host: "127.0.0.1", port: port)
                ) { _ in
                    try DTLSEndpoint(context: context, role: .client, expectedPeerFingerprint: peer.fingerprint)
                }
                try Self.pump(leg, with: tool)
                return Outcome(state: leg.state, toolOutput: tool.output, toolKeyingMaterial: tool.keyingMaterial)
            }
            return Outcome(state: nil, toolOutput: "s_server never listened", toolKeyingMaterial: nil)
        }
        guard case .connected(let keys) = outcome.state else {
            Issue.record("handshake with s_server did not complete: \(String(describing: outcome.state))\n\(outcome.toolOutput)")
            return
        }
        #expect(keys.profile == profile)
        #expect(outcome.toolOutput.contains("SRTP Extension negotiated, profile=\(profile.dtlsName)"))
        #expect(outcome.toolKeyingMaterial == Self.exportedHex(keys, role: .client))
        // s_server asked for our certificate (-verify 1) and printed the one it got.
        #expect(outcome.toolOutput.contains(context.certificate.certificatePEM.trimmingCharacters(in: .newlines)))
    }

    @Test(arguments: SRTPProfile.allCases)
    func ourServerAgainstOpenSSLClient(profile: SRTPProfile) async throws {
        let context = try makeContext()
        let outcome = try await onThread {
            let directory = try TemporaryDirectory()
            let peer = try PeerIdentity(in: directory, name: "openssl-s_client")
            let socket = try UDPSocket(bindingTo: loopbackAnyPort)
            let leg = try DTLSLeg(socket: socket, peer: nil) { address in
                try DTLSEndpoint(
                    context: context, role: .server, expectedPeerFingerprint: peer.fingerprint,
                    peerAddress: "\(address)")
            }
            let tool = try OpenSSLTool(
                ["s_client", "-dtls1_2", "-connect", "\(socket.localAddress)", "-cert", peer.certificatePath,
                 "-key", peer.keyPath] + Self.keyExportArguments(profile))
            defer { tool.stop() }
            try Self.pump(leg, with: tool)
            return Outcome(state: leg.state, toolOutput: tool.output, toolKeyingMaterial: tool.keyingMaterial)
        }
        guard case .connected(let keys) = outcome.state else {
            Issue.record("handshake with s_client did not complete: \(String(describing: outcome.state))\n\(outcome.toolOutput)")
            return
        }
        #expect(keys.profile == profile)
        #expect(outcome.toolOutput.contains("SRTP Extension negotiated, profile=\(profile.dtlsName)"))
        #expect(outcome.toolKeyingMaterial == Self.exportedHex(keys, role: .server))
        #expect(outcome.toolOutput.contains(context.certificate.certificatePEM.trimmingCharacters(in: .newlines)))
    }

    @Test func ourServerPrefersGCMWhenOfferedBoth() async throws {
        let context = try makeContext()
        let outcome = try await onThread {
            let directory = try TemporaryDirectory()
            let peer = try PeerIdentity(in: directory, name: "openssl-s_client")
            let socket = try UDPSocket(bindingTo: loopbackAnyPort)
            let leg = try DTLSLeg(socket: socket, peer: nil) { address in
                try DTLSEndpoint(
                    context: context, role: .server, expectedPeerFingerprint: peer.fingerprint, peerAddress: "\(address)")
            }
            let tool = try OpenSSLTool(
                ["s_client", "-dtls1_2", "-connect", "\(socket.localAddress)", "-cert", peer.certificatePath,
                 "-key", peer.keyPath, "-use_srtp", "SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM",
                 "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "56"])
            defer { tool.stop() }
            try Self.pump(leg, with: tool)
            return Outcome(state: leg.state, toolOutput: tool.output, toolKeyingMaterial: tool.keyingMaterial)
        }
        guard case .connected(let keys) = outcome.state else {
            Issue.record("handshake with s_client did not complete: \(String(describing: outcome.state))\n\(outcome.toolOutput)")
            return
        }
        #expect(keys.profile == .aeadAES128GCM)
        #expect(outcome.toolOutput.contains("SRTP Extension negotiated, profile=SRTP_AEAD_AES_128_GCM"))
    }

    @Test func ourClientRejectsAnOpenSSLServerWithAnotherCertificate() async throws {
        let context = try makeContext()
        let expected = try DTLSCertificate.generate().fingerprint
        let outcome = try await onThread {
            let directory = try TemporaryDirectory()
            let peer = try PeerIdentity(in: directory, name: "openssl-s_server")
            for _ in 0..<5 {
                let port = try UDPSocket(bindingTo: loopbackAnyPort).localAddress.port
                let tool = try OpenSSLTool(
                    ["s_server", "-dtls1_2", "-accept", "127.0.0.1:\(port)", "-cert", peer.certificatePath,
                     "-key", peer.keyPath, "-naccept", "1"] + Self.keyExportArguments(.aeadAES128GCM))
                defer { tool.stop() }
                guard tool.wait(for: "ACCEPT", timeout: .seconds(10)) else { continue }
                let leg = try DTLSLeg(
                    socket: UDPSocket(bindingTo: loopbackAnyPort), peer: UDPAddress(host: "127.0.0.1", port: port)
                ) { _ in try DTLSEndpoint(context: context, role: .client, expectedPeerFingerprint: expected) }
                _ = try DatagramPump(legs: [leg]).run(timeout: .seconds(30)) { settled([leg]) }
                return (leg.state, peer.fingerprint)
            }
            return (nil, peer.fingerprint)
        }
        let mismatch = TransportError.dtlsFingerprintMismatch(expected: expected.description, actual: outcome.1.description)
        #expect(outcome.0 == DTLSState.failed(mismatch))
    }
}
