import Testing
@testable import RTCTransport

/// DTLS-SRTP between two endpoints over real UDP sockets on 127.0.0.1.
@Suite struct DTLSLoopbackTests {
    @Test func handshakeOverUDPThenSRTPBothWays() async throws {
        let clientContext = try makeContext(), serverContext = try makeContext()
        let (client, server, exchanged) = try await onThread {
            let (client, server) = try loopbackPair(client: clientContext, server: serverContext)
            let finished = try DatagramPump(legs: [client, server]).run(timeout: .seconds(30)) { settled([client, server]) }
            #expect(finished)
            let upstream = try exchangeSRTP(from: client, to: server, count: 50, ssrc: 0x1111)
            let downstream = try exchangeSRTP(from: server, to: client, count: 50, ssrc: 0x2222)
            return (client.keys, server.keys, (upstream, downstream))
        }
        let clientKeys = try #require(client)
        let serverKeys = try #require(server)
        #expect(clientKeys.profile == .aeadAES128GCM)
        #expect(clientKeys.local == serverKeys.remote && clientKeys.remote == serverKeys.local)
        #expect(exchanged == (50, 50))
    }

    /// Seeds whose generator drops one of the first four datagrams: every handshake has at least six.
    @Test(arguments: [3, 4, 9, 13, 22] as [UInt64])
    func handshakeCompletesWithThirtyPercentLoss(seed: UInt64) async throws {
        let clientContext = try makeContext(), serverContext = try makeContext()
        let (keys, dropped) = try await onThread {
            let relay = try LossyRelay(lossRate: 0.3, seed: seed)
            let (client, server) = try loopbackPair(client: clientContext, server: serverContext, relay: relay)
            let finished = try DatagramPump(legs: [client, server], relay: relay).run(timeout: .seconds(60)) {
                settled([client, server])
            }
            #expect(finished)
            return (client.keys.flatMap { keys in server.keys.map { (keys, $0) } }, relay.dropped)
        }
        let (clientKeys, serverKeys) = try #require(keys)
        #expect(clientKeys.local == serverKeys.remote && clientKeys.remote == serverKeys.local)
        // A handshake datagram was lost and recovered by retransmission.
        #expect(dropped > 0)
    }

    @Test func garbageOverUDPDuringAndAfterTheHandshakeIsDropped() async throws {
        let clientContext = try makeContext(), serverContext = try makeContext()
        let exchanged = try await onThread {
            let (client, server) = try loopbackPair(client: clientContext, server: serverContext)
            let attacker = try UDPSocket(bindingTo: loopbackAnyPort)
            var generator = SplitMix64(seed: 99)
            let pump = DatagramPump(legs: [client, server])
            pump.onTurn = {
                for datagram in garbage(&generator, count: 2) {
                    try attacker.send(datagram, to: client.socket.localAddress)
                    try attacker.send(datagram, to: server.socket.localAddress)
                }
            }
            #expect(try pump.run(timeout: .seconds(30)) { settled([client, server]) })
            #expect(client.keys != nil && server.keys != nil)
            // After the handshake: more garbage, straight into the endpoints; they stay connected.
            for datagram in garbage(&generator, count: 300) {
                #expect(client.endpoint?.receive(datagram) == [])
                #expect(server.endpoint?.receive(datagram) == [])
            }
            #expect(client.keys != nil && server.keys != nil)
            // Drain what the attacker sent, then media still flows.
            while try client.socket.receive(timeout: .milliseconds(50)) != nil {}
            while try server.socket.receive(timeout: .milliseconds(50)) != nil {}
            return try exchangeSRTP(from: client, to: server, count: 10, ssrc: 0x3333)
        }
        #expect(exchanged == 10)
    }
}
