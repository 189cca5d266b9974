import Testing

@testable import RTCTransport

@Suite struct TransportAddressTests {
    @Test func parsesAndPrintsIPv4() throws {
        let address = try #require(TransportAddress(host: "192.0.2.1", port: 3478))
        #expect(address.ip == .v4(0xC000_0201))
        #expect(address.ip.bytes == [192, 0, 2, 1])
        #expect(address.description == "192.0.2.1:3478")
    }

    @Test func parsesAndPrintsIPv6() throws {
        let address = try #require(TransportAddress(host: "2001:db8::1", port: 443))
        #expect(address.ip == .v6(0x2001_0DB8_0000_0000, 1))
        #expect(address.ip.bytes == [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 11) + [1])
        #expect(address.description == "[2001:db8::1]:443")
    }

    @Test func refusesTextThatIsNoAddress() {
        #expect(IPAddress("localhost") == nil)
        #expect(IPAddress("256.0.0.1") == nil)
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }

    @Test func bytesRoundTrip() {
        for text in ["0.0.0.0", "255.255.255.255", "::", "::ffff:10.0.0.1", "fe80::1:2:3:4"] {
            let ip = IPAddress(text)
            #expect(ip != nil)
            #expect(ip.flatMap { IPAddress(bytes: $0.bytes) } == ip)
            #expect(ip.flatMap { IPAddress($0.description) } == ip)
        }
    }
}
