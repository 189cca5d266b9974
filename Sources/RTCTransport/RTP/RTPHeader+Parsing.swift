extension RTPHeader {
    /// Parses and copies the header of the RTP packet in `bytes`, extension elements included;
    /// throws `TransportError` as `RTPPacketLayout` does and when the extension block is malformed.
    public init(parsing bytes: UnsafeRawBufferPointer) throws {
        try self.init(layout: try RTPPacketLayout(parsing: bytes), bytes: bytes)
    }

    /// Parses and copies the header of the RTP packet in `bytes`; see `init(parsing:)`.
    public init(parsing bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try RTPHeader(parsing: $0) }
    }

    /// Copies the header that `layout` describes out of `bytes`.
    init(layout: RTPPacketLayout, bytes: UnsafeRawBufferPointer) throws {
        let csrcs = (0..<layout.csrcCount).map { layout.csrc(at: $0, in: bytes) }
        let headerExtension = try layout.extensionProfile.map {
            try RTPHeaderExtension(profile: $0, data: UnsafeRawBufferPointer(rebasing: bytes[layout.extensionRange]))
        }
        self.init(
            payloadType: layout.payloadType, sequenceNumber: layout.sequenceNumber, timestamp: layout.timestamp,
            ssrc: layout.ssrc, marker: layout.marker, csrcs: csrcs, headerExtension: headerExtension)
    }
}
