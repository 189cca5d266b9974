/// An RTCP generic NACK (RFC 4585 §6.2.1; RTPFB, FMT 1): the media sender should retransmit
/// the listed packets.
public struct TransportLayerNACK: Hashable, Sendable {
    /// The SSRC of the packet's sender.
    public var senderSSRC: UInt32
    /// The SSRC of the media source whose packets were lost.
    public var mediaSSRC: UInt32
    /// The lost packets, one or more pairs.
    public var pairs: [NACKPair]

    /// A NACK from its pairs.
    public init(senderSSRC: UInt32, mediaSSRC: UInt32, pairs: [NACKPair]) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
        self.pairs = pairs
    }

    /// A NACK for `lostSequenceNumbers`, given in ascending order (modulo 2^16); a number
    /// within 16 after the current pair's ID joins its bitmask, any other starts a new pair.
    public init(senderSSRC: UInt32, mediaSSRC: UInt32, lostSequenceNumbers: [UInt16]) {
        var pairs: [NACKPair] = []
        for number in lostSequenceNumbers {
            if let last = pairs.last, (1...16).contains(number &- last.packetID) {
                pairs[pairs.count - 1].lostBitmask |= 1 << (number &- last.packetID &- 1)
            } else if pairs.last?.packetID != number {
                pairs.append(NACKPair(packetID: number, lostBitmask: 0))
            }
        }
        self.init(senderSSRC: senderSSRC, mediaSSRC: mediaSSRC, pairs: pairs)
    }

    /// Every sequence number reported lost, pair by pair.
    public var lostSequenceNumbers: [UInt16] {
        pairs.flatMap(\.sequenceNumbers)
    }

    /// The FMT value of a generic NACK within RTPFB.
    static let format: UInt8 = 1
}

extension TransportLayerNACK: RTCPBody {
    var countField: Int { Int(Self.format) }
    var bodyLength: Int { 8 + 4 * pairs.count }

    func writeBody(to writer: inout WireWriter) throws {
        guard !pairs.isEmpty else { throw TransportError.invalidValue(what: "RTCP NACK pair count", value: 0) }
        try writer.write(senderSSRC)
        try writer.write(mediaSSRC)
        for pair in pairs {
            try writer.write(pair.packetID)
            try writer.write(pair.lostBitmask)
        }
    }

    init(countField: UInt8, body: UnsafeRawBufferPointer) throws {
        var reader = WireReader(body, what: "RTCP NACK")
        senderSSRC = try reader.readUInt32()
        mediaSSRC = try reader.readUInt32()
        guard reader.remaining >= 4, reader.remaining % 4 == 0 else {
            throw TransportError.malformed(what: "RTCP NACK", reason: "\(reader.remaining) bytes of FCI")
        }
        pairs = try (0..<reader.remaining / 4).map { _ in
            NACKPair(packetID: try reader.readUInt16(), lostBitmask: try reader.readUInt16())
        }
    }
}
