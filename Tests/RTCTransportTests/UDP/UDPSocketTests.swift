import Testing
@testable import RTCTransport

@Suite struct UDPSocketTests {
    static let loopback = try! UDPAddress(host: "127.0.0.1", port: 0)

    @Test func sendsAndReceivesWithTheSourceAddress() async throws {
        let (received, senderAddress) = try await onThread {
            let sender = try UDPSocket(bindingTo: Self.loopback)
            let receiver = try UDPSocket(bindingTo: Self.loopback)
            #expect(receiver.localAddress.port != 0)
            try sender.send([1, 2, 3, 4], to: receiver.localAddress)
            let received = try receiver.receive(timeout: .seconds(5))
            return (received, sender.localAddress)
        }
        let (datagram, source) = try #require(received)
        #expect(datagram == [1, 2, 3, 4])
        #expect(source == senderAddress)
        #expect(source.description == "127.0.0.1:\(senderAddress.port)")
    }

    @Test func timesOutWithNil() async throws {
        let received = try await onThread {
            try UDPSocket(bindingTo: Self.loopback).receive(timeout: .milliseconds(20))
        }
        #expect(received == nil)
    }

    @Test func reportsADatagramLargerThanTheBuffer() async throws {
        try await onThread {
            let sender = try UDPSocket(bindingTo: Self.loopback)
            let receiver = try UDPSocket(bindingTo: Self.loopback)
            try sender.send([UInt8](repeating: 7, count: 100), to: receiver.localAddress)
            #expect(throws: TransportError.bufferTooSmall(needed: 100, capacity: 10)) {
                try receiver.receive(maximumLength: 10, timeout: .seconds(5))
            }
        }
    }

    @Test func readableNamesTheSocketsWithDatagrams() async throws {
        let ready = try await onThread {
            let sockets = try (0..<3).map { _ in try UDPSocket(bindingTo: Self.loopback) }
            try sockets[0].send([9], to: sockets[2].localAddress)
            _ = try sockets[2].waitUntilReadable(timeout: .seconds(5))
            return try UDPSocket.readable(sockets, timeout: .seconds(5))
        }
        #expect(ready == [2])
    }

    @Test(arguments: ["", "localhost", "256.1.1.1", "1.2.3", "::1"])
    func rejectsWhatIsNotDottedIPv4(_ host: String) {
        #expect(throws: TransportError.self) { try UDPAddress(host: host, port: 1) }
    }

    @Test func bindingATakenPortFails() throws {
        let first = try UDPSocket(bindingTo: Self.loopback)
        #expect(throws: TransportError.self) { try UDPSocket(bindingTo: first.localAddress) }
    }
}
