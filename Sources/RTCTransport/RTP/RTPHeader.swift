/// An RTP header to build and serialize (RFC 3550 §5.1), version 2. To read received packets
/// without copying, use `RTPPacketLayout`; this type owns its CSRCs and extension data.
public struct RTPHeader: Hashable, Sendable {
    /// The marker bit (for audio: the first packet of a talkspurt).
    public var marker: Bool
    /// The payload type, 0...127 (Opus: 111 here).
    public var payloadType: UInt8
    /// The sequence number.
    public var sequenceNumber: UInt16
    /// The media timestamp.
    public var timestamp: UInt32
    /// The synchronization source.
    public var ssrc: UInt32
    /// Contributing sources, at most 15.
    public var csrcs: [UInt32]
    /// The header extension block, if any.
    public var headerExtension: RTPHeaderExtension?

    /// A header from its fields.
    public init(
        payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
        marker: Bool = false, csrcs: [UInt32] = [], headerExtension: RTPHeaderExtension? = nil
    ) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.headerExtension = headerExtension
    }

    /// The serialized length in bytes.
    public var serializedLength: Int {
        12 + 4 * csrcs.count + (headerExtension.map { 4 + $0.dataLength } ?? 0)
    }

    /// Writes the header at the start of `buffer` and returns its length; throws
    /// `TransportError.bufferTooSmall` or `.invalidValue` (payload type, CSRC count, extension).
    public func serialize(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var writer = WireWriter(buffer)
        try write(to: &writer, padding: false)
        return writer.offset
    }

    /// The header as bytes.
    public func serialized() throws -> [UInt8] {
        try serializedBytes(size: serializedLength) { try write(to: &$0, padding: false) }
    }

    /// The RFC 6464 audio level in extension element `id`, if present.
    public func audioLevel(id: UInt8 = AudioLevel.defaultExtensionID) -> AudioLevel? {
        headerExtension?.element(id: id)?.first.map(AudioLevel.init(byte:))
    }

    /// Sets the RFC 6464 audio level as extension element `id`, adding a one-byte extension
    /// block (RFC 8285 §4.2) when there is none.
    public mutating func setAudioLevel(_ level: AudioLevel, id: UInt8 = AudioLevel.defaultExtensionID) {
        var block = headerExtension ?? .oneByte([])
        block.setElement(id: id, data: [level.byte])
        headerExtension = block
    }

    func write(to writer: inout WireWriter, padding: Bool) throws {
        guard payloadType <= 0x7F else {
            throw TransportError.invalidValue(what: "RTP payload type", value: Int(payloadType))
        }
        guard csrcs.count <= 15 else {
            throw TransportError.invalidValue(what: "RTP CSRC count", value: csrcs.count)
        }
        let flags: UInt8 = (padding ? 0x20 : 0) | (headerExtension == nil ? 0 : 0x10)
        try writer.write(0x80 | flags | UInt8(csrcs.count))
        try writer.write((marker ? 0x80 : 0) | payloadType)
        try writer.write(sequenceNumber)
        try writer.write(timestamp)
        try writer.write(ssrc)
        for csrc in csrcs { try writer.write(csrc) }
        try headerExtension?.write(to: &writer)
    }
}
