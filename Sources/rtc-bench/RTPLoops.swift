import RTCTransport

/// Swift-only rows: the RTP header of an Opus packet with an RFC 6464 audio level (RFC 8285 one-byte extension).
enum RTPLoops {
    /// The header the rows parse and serialize.
    static func header(sequenceNumber: UInt16) -> RTPHeader {
        var header = RTPHeader(payloadType: 111, sequenceNumber: sequenceNumber, timestamp: 960, ssrc: 0x1234_5678)
        header.setAudioLevel(AudioLevel(level: 30, voiceActivity: true))
        return header
    }

    /// Per iteration: write sequence number `i` into the packet, then read its layout in place.
    static func parse(iterations: Int) throws -> Double {
        let bytes = try RTPPacket(header: header(sequenceNumber: 0), payload: Array(repeating: 0xab, count: 160)).serialized()
        let packet = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        defer { packet.deallocate() }
        packet.copyBytes(from: bytes)
        let view = UnsafeRawBufferPointer(packet)
        var sum = 0
        let time = try ThreadCPUClock.perOperation(iterations: iterations) { index in
            packet[2] = UInt8(truncatingIfNeeded: index >> 8)
            packet[3] = UInt8(truncatingIfNeeded: index)
            let layout = try RTPPacketLayout(parsing: view)
            sum &+= Int(layout.sequenceNumber) &+ layout.payloadRange.count
        }
        guard sum != 0 else { throw BenchError.mismatch(operation: "RTP parse", detail: "nothing read") }
        return time
    }

    /// Per iteration: set sequence number `i` and the next timestamp, then write the header into a reused buffer.
    static func serialize(iterations: Int) throws -> Double {
        var header = header(sequenceNumber: 0)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 16)
        defer { buffer.deallocate() }
        var written = 0
        let time = try ThreadCPUClock.perOperation(iterations: iterations) { index in
            header.sequenceNumber = UInt16(truncatingIfNeeded: index)
            header.timestamp &+= 960
            written &+= try header.serialize(into: buffer)
        }
        guard written == header.serializedLength * iterations else {
            throw BenchError.mismatch(operation: "RTP serialize", detail: "wrote \(written) bytes")
        }
        return time
    }
}
