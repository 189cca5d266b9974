import Testing
@testable import RTCTransport

@Suite struct DTLSRecordPackerTests {
    /// A DTLS handshake record with `length` body bytes.
    static func record(_ length: Int, fill: UInt8) -> [UInt8] {
        [22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, fill, UInt8(length >> 8), UInt8(length & 0xff)]
            + Array(repeating: fill, count: length)
    }

    @Test func packsWholeRecordsUpToTheLimit() {
        let a = Self.record(500, fill: 1), b = Self.record(700, fill: 2), c = Self.record(50, fill: 3)
        let d = Self.record(1187, fill: 4)
        let output: [UInt8] = a + b + c + d
        let datagrams = DTLSRecordPacker.datagrams(from: output[...], maximumSize: 1200)
        let expected: [[UInt8]] = [a, b + c, d]
        #expect(datagrams == expected)
        #expect(datagrams.allSatisfy { $0.count <= 1200 })
    }

    @Test func keepsATruncatedTailInsteadOfTrapping() {
        let tail: [UInt8] = Self.record(10, fill: 1) + [22, 0xfe]
        #expect(DTLSRecordPacker.datagrams(from: tail[...], maximumSize: 1200) == [tail])
        let claimsMore = Array(Self.record(100, fill: 2).prefix(40))
        #expect(DTLSRecordPacker.datagrams(from: claimsMore[...], maximumSize: 1200) == [claimsMore])
        let empty: [UInt8] = []
        #expect(DTLSRecordPacker.datagrams(from: empty[...], maximumSize: 1200).isEmpty)
    }
}
