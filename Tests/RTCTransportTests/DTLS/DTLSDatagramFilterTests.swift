import Testing
@testable import RTCTransport

@Suite struct DTLSDatagramFilterTests {
    static func record(type: UInt8, epoch: UInt16, body: [UInt8]) -> [UInt8] {
        [type, 0xfe, 0xfd, UInt8(epoch >> 8), UInt8(epoch & 0xff), 0, 0, 0, 0, 0, 1,
         UInt8(body.count >> 8), UInt8(body.count & 0xff)] + body
    }

    static func accepts(_ datagram: [UInt8]) -> Bool {
        datagram.withUnsafeBytes { DTLSDatagramFilter.accepts($0) }
    }

    @Test func acceptsWhatPeersSend() {
        let handshake = Self.record(type: 22, epoch: 0, body: Array(repeating: 7, count: 60))
        let changeCipherSpec = Self.record(type: 20, epoch: 0, body: [1])
        let finished = Self.record(type: 22, epoch: 1, body: Array(repeating: 9, count: 40))
        let alert = Self.record(type: 21, epoch: 0, body: [2, 40])
        let encryptedAlert = Self.record(type: 21, epoch: 1, body: Array(repeating: 3, count: 26))
        #expect(Self.accepts(handshake + changeCipherSpec + finished))
        #expect(Self.accepts(alert))
        #expect(Self.accepts(encryptedAlert))
    }

    @Test func dropsWhatOpenSSLWouldTurnIntoAFatalError() {
        let valid = Self.record(type: 22, epoch: 0, body: [1, 2, 3])
        let cases: [[UInt8]] = [
            [],
            [22, 0xfe, 0xfd],
            Array(valid.dropLast()),
            valid + [23],
            Self.record(type: 23, epoch: 1, body: Array(repeating: 0, count: 23)),
            Self.record(type: 22, epoch: 2, body: [1]),
            Self.record(type: 23, epoch: 0, body: Array(repeating: 0, count: 40)),
            Self.record(type: 20, epoch: 0, body: [2]),
            Self.record(type: 20, epoch: 0, body: [1, 1]),
            Self.record(type: 24, epoch: 0, body: [1, 0, 0]),
            Self.record(type: 63, epoch: 1, body: Array(repeating: 0, count: 40)),
            valid + Self.record(type: 19, epoch: 0, body: [0]),
        ]
        for datagram in cases {
            #expect(!Self.accepts(datagram), "\(datagram.prefix(16))")
        }
    }
}
