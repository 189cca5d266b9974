import Testing
@testable import RTCTransport

@Suite struct SRTPContextTests {
    /// A pair of contexts keyed alike: what one side protects, the other unprotects.
    static func pair(_ profile: SRTPProfile, seed: UInt8 = 1) throws -> (outbound: SRTPContext, inbound: SRTPContext) {
        let key = keyMaterial(profile, seed: seed)
        return (
            try SRTPContext(profile: profile, direction: .outbound, keyMaterial: key),
            try SRTPContext(profile: profile, direction: .inbound, keyMaterial: key)
        )
    }

    static func keyMaterial(_ profile: SRTPProfile, seed: UInt8) -> SRTPKeyMaterial {
        SRTPKeyMaterial(
            masterKey: (0..<profile.masterKeyLength).map { UInt8($0) &* 7 &+ seed },
            masterSalt: (0..<profile.masterSaltLength).map { UInt8($0) &* 13 &+ seed })
    }

    /// An RTP packet (RFC 3550 §5.1): version 2, payload type 111, the given sequence number, a 160-byte payload.
    static func rtpPacket(sequence: UInt16, ssrc: UInt32 = 0x1234_5678, payloadLength: Int = 160) -> [UInt8] {
        var packet: [UInt8] = [0x80, 111, UInt8(sequence >> 8), UInt8(sequence & 0xff), 0, 0, 0x03, 0xc0]
        packet += [UInt8(ssrc >> 24), UInt8((ssrc >> 16) & 0xff), UInt8((ssrc >> 8) & 0xff), UInt8(ssrc & 0xff)]
        packet += (0..<payloadLength).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(sequence)) }
        return packet
    }

    /// An RTCP receiver report with no report blocks (RFC 3550 §6.4.2).
    static let rtcpReceiverReport: [UInt8] = [0x80, 201, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78]

    @Test(arguments: SRTPProfile.allCases)
    func roundTripsRTPAndRTCP(profile: SRTPProfile) throws {
        let (outbound, inbound) = try Self.pair(profile)
        for sequence in UInt16(1)...50 {
            let plain = Self.rtpPacket(sequence: sequence)
            var packet = plain
            try outbound.protectRTP(&packet)
            #expect(packet.count > plain.count)
            #expect(packet[..<12] == plain[..<12])
            #expect(packet[12..<plain.count] != plain[12...])
            try inbound.unprotectRTP(&packet)
            #expect(packet == plain)
        }
        var rtcp = Self.rtcpReceiverReport
        try outbound.protectRTCP(&rtcp)
        #expect(rtcp != Self.rtcpReceiverReport)
        try inbound.unprotectRTCP(&rtcp)
        #expect(rtcp == Self.rtcpReceiverReport)
    }

    @Test(arguments: SRTPProfile.allCases)
    func bufferAPIWorksInPlace(profile: SRTPProfile) throws {
        let (outbound, inbound) = try Self.pair(profile)
        let plain = Self.rtpPacket(sequence: 7)
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: plain.count + SRTPContext.maximumTrailerLength, alignment: 16)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: plain)
        let protectedLength = try outbound.protectRTP(buffer, length: plain.count)
        #expect(protectedLength == plain.count + (profile == .aeadAES128GCM ? 16 : 10))
        let length = try inbound.unprotectRTP(buffer, length: protectedLength)
        #expect(Array(buffer[..<length]) == plain)
    }

    @Test(arguments: SRTPProfile.allCases)
    func replayedPacketsAreRejectedAsReplays(profile: SRTPProfile) throws {
        let (outbound, inbound) = try Self.pair(profile)
        var packet = Self.rtpPacket(sequence: 100)
        try outbound.protectRTP(&packet)
        var first = packet
        try inbound.unprotectRTP(&first)
        var again = packet
        #expect(throws: TransportError.srtpReplay(packet: "RTP")) { try inbound.unprotectRTP(&again) }

        var rtcp = Self.rtcpReceiverReport
        try outbound.protectRTCP(&rtcp)
        var rtcpFirst = rtcp
        try inbound.unprotectRTCP(&rtcpFirst)
        var rtcpAgain = rtcp
        #expect(throws: TransportError.srtpReplay(packet: "RTCP")) { try inbound.unprotectRTCP(&rtcpAgain) }
    }

    @Test(arguments: SRTPProfile.allCases)
    func packetsOlderThanTheWindowAreReplays(profile: SRTPProfile) throws {
        let (outbound, inbound) = try Self.pair(profile)
        var old = Self.rtpPacket(sequence: 1)
        try outbound.protectRTP(&old)
        var recent = Self.rtpPacket(sequence: 3000)
        try outbound.protectRTP(&recent)
        try inbound.unprotectRTP(&recent)
        #expect(throws: TransportError.srtpReplay(packet: "RTP")) { try inbound.unprotectRTP(&old) }
    }

    @Test(arguments: SRTPProfile.allCases)
    func tamperedPacketsFailAuthentication(profile: SRTPProfile) throws {
        let (outbound, inbound) = try Self.pair(profile)
        var protected = Self.rtpPacket(sequence: 5)
        try outbound.protectRTP(&protected)
        // Flip one bit in the payload, in the tag, and in the header: each must fail authentication.
        for index in [20, protected.count - 1, 4] {
            var tampered = protected
            tampered[index] ^= 0x01
            #expect(throws: TransportError.srtpAuthenticationFailed(packet: "RTP")) { try inbound.unprotectRTP(&tampered) }
        }
        // The untouched packet still authenticates: failures did not advance the replay window.
        try inbound.unprotectRTP(&protected)
        #expect(protected == Self.rtpPacket(sequence: 5))

        var rtcp = Self.rtcpReceiverReport
        try outbound.protectRTCP(&rtcp)
        rtcp[5] ^= 0x80
        #expect(throws: TransportError.srtpAuthenticationFailed(packet: "RTCP")) { try inbound.unprotectRTCP(&rtcp) }
    }

    @Test(arguments: SRTPProfile.allCases)
    func wrongKeyFailsAuthentication(profile: SRTPProfile) throws {
        let outbound = try SRTPContext(
            profile: profile, direction: .outbound, keyMaterial: Self.keyMaterial(profile, seed: 1))
        let inbound = try SRTPContext(
            profile: profile, direction: .inbound, keyMaterial: Self.keyMaterial(profile, seed: 2))
        var packet = Self.rtpPacket(sequence: 9)
        try outbound.protectRTP(&packet)
        #expect(throws: TransportError.srtpAuthenticationFailed(packet: "RTP")) { try inbound.unprotectRTP(&packet) }
    }

    @Test func wrongKeyLengthsAreRejected() {
        #expect(throws: TransportError.invalidKeyLength(what: "SRTP master salt", expected: 12, actual: 14)) {
            _ = try SRTPContext(
                profile: .aeadAES128GCM, direction: .inbound,
                keyMaterial: Self.keyMaterial(.aesCM128HMACSHA1_80, seed: 1))
        }
        #expect(throws: TransportError.invalidKeyLength(what: "SRTP master key", expected: 16, actual: 15)) {
            _ = try SRTPContext(
                profile: .aesCM128HMACSHA1_80, direction: .outbound,
                keyMaterial: SRTPKeyMaterial(masterKey: Array(repeating: 1, count: 15), masterSalt: Array(repeating: 2, count: 14)))
        }
    }

    @Test func shortPacketsAndBuffersAreRejected() throws {
        let (outbound, inbound) = try Self.pair(.aeadAES128GCM)
        var short: [UInt8] = [0x80, 111, 0, 1]
        #expect(throws: TransportError.truncated(what: "RTP packet", needed: 12, available: 4)) { try inbound.unprotectRTP(&short) }
        #expect(short == [0x80, 111, 0, 1])
        var empty: [UInt8] = []
        #expect(throws: TransportError.truncated(what: "RTCP packet", needed: 8, available: 0)) { try inbound.unprotectRTCP(&empty) }

        let plain = Self.rtpPacket(sequence: 1)
        var tight = plain
        tight.withUnsafeMutableBytes { buffer in
            #expect(throws: TransportError.bufferTooSmall(needed: plain.count + 144, capacity: plain.count)) {
                _ = try outbound.protectRTP(buffer, length: plain.count)
            }
            return
        }
        #expect(tight == plain)
    }

    @Test(arguments: SRTPProfile.allCases)
    func garbageNeverAuthenticates(profile: SRTPProfile) throws {
        let (_, inbound) = try Self.pair(profile)
        var generator = SplitMix64(seed: 0x5eed)
        for _ in 0..<500 {
            var packet = (0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if packet.count > 1 { packet[0] = 0x80 | (packet[0] & 0x3f) }
            #expect(throws: TransportError.self) { try inbound.unprotectRTP(&packet) }
            #expect(throws: TransportError.self) { try inbound.unprotectRTCP(&packet) }
        }
    }
}

/// A small seeded generator (SplitMix64), so that randomized tests replay exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
