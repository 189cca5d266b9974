/// An RTP packet's fixed header fields plus the byte ranges of its parts (RFC 3550 §5.1), read
/// in place: parsing copies and allocates nothing, so a forwarder can read sequence number,
/// timestamp, SSRC and payload range at line rate. It keeps no reference to the bytes: pass
/// the same buffer again to the methods that read CSRCs or extension elements. On an SRTP
/// packet the fixed fields are valid (SRTP leaves them in clear), but padding and payload range
/// mean something only after unprotecting.
public struct RTPPacketLayout: Hashable, Sendable {
    /// The marker bit (for audio: the first packet of a talkspurt).
    public let marker: Bool
    /// The payload type, 0...127.
    public let payloadType: UInt8
    /// The sequence number.
    public let sequenceNumber: UInt16
    /// The media timestamp.
    public let timestamp: UInt32
    /// The synchronization source.
    public let ssrc: UInt32
    /// How many CSRCs follow the fixed header, 0...15.
    public let csrcCount: Int
    /// The header extension's profile (0xBEDE for RFC 8285 one-byte), nil when there is none.
    public let extensionProfile: UInt16?
    /// The extension block's data after its 4-byte header; empty when there is none.
    public let extensionRange: Range<Int>
    /// The payload, between the header and any padding.
    public let payloadRange: Range<Int>
    /// Padding bytes at the end, including the count byte; 0 when the P bit is clear.
    public let paddingLength: Int

    /// The length of the header: fixed part, CSRCs and extension block.
    public var headerLength: Int { payloadRange.lowerBound }

    /// Reads the header of the RTP packet in `bytes`; throws `TransportError` when it is not
    /// version 2 or when a length points past the end.
    public init(parsing bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count >= 12 else {
            throw TransportError.truncated(what: "RTP header", needed: 12, available: bytes.count)
        }
        let first = bytes[0]
        guard first >> 6 == 2 else {
            throw TransportError.unsupported(what: "RTP version", value: Int(first >> 6))
        }
        let second = bytes[1]
        marker = second & 0x80 != 0
        payloadType = second & 0x7F
        sequenceNumber = UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
        timestamp = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        ssrc = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        csrcCount = Int(first & 0x0F)

        var headerLength = 12 + 4 * csrcCount
        if first & 0x10 != 0 {
            guard bytes.count >= headerLength + 4 else {
                throw TransportError.truncated(what: "RTP header extension", needed: headerLength + 4, available: bytes.count)
            }
            extensionProfile = UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: headerLength, as: UInt16.self))
            let words = Int(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: headerLength + 2, as: UInt16.self)))
            extensionRange = headerLength + 4..<headerLength + 4 + 4 * words
            headerLength = extensionRange.upperBound
        } else {
            extensionProfile = nil
            extensionRange = headerLength..<headerLength
        }
        guard bytes.count >= headerLength else {
            throw TransportError.truncated(what: "RTP header", needed: headerLength, available: bytes.count)
        }

        if first & 0x20 != 0 {
            paddingLength = bytes.count > headerLength ? Int(bytes[bytes.count - 1]) : 0
            guard paddingLength >= 1, headerLength + paddingLength <= bytes.count else {
                throw TransportError.malformed(what: "RTP padding", reason: "count \(paddingLength) after a \(headerLength)-byte header in \(bytes.count) bytes")
            }
        } else {
            paddingLength = 0
        }
        payloadRange = headerLength..<bytes.count - paddingLength
    }

    /// Reads the header of the RTP packet in `bytes`; see `init(parsing:)`.
    public init(parsing bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try RTPPacketLayout(parsing: $0) }
    }

    /// The CSRC at `index` (0..<csrcCount) in the buffer this layout was parsed from.
    public func csrc(at index: Int, in bytes: UnsafeRawBufferPointer) -> UInt32 {
        precondition((0..<csrcCount).contains(index), "CSRC index \(index) out of 0..<\(csrcCount)")
        precondition(bytes.count >= headerLength, "not the buffer this layout was parsed from")
        return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 12 + 4 * index, as: UInt32.self))
    }

    /// The data range of the first RFC 8285 extension element with `id` in the buffer this
    /// layout was parsed from, without copying; nil when absent, when the block is not RFC
    /// 8285, or when the block is malformed before the element.
    public func extensionElement(id: UInt8, in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        guard let extensionProfile, extensionRange.upperBound <= bytes.count else { return nil }
        let oneByte = extensionProfile == RTPHeaderExtension.oneByteProfile
        guard oneByte || extensionProfile & 0xFFF0 == RTPHeaderExtension.twoByteProfile else { return nil }
        var cursor = RTPExtensionCursor(data: UnsafeRawBufferPointer(rebasing: bytes[extensionRange]), oneByte: oneByte)
        while let element = try? cursor.next() {
            if element.id == id {
                return element.data.lowerBound + extensionRange.lowerBound..<element.data.upperBound + extensionRange.lowerBound
            }
        }
        return nil
    }

    /// The RFC 6464 audio level carried as extension element `id`, without copying; nil when
    /// absent or empty.
    public func audioLevel(id: UInt8 = AudioLevel.defaultExtensionID, in bytes: UnsafeRawBufferPointer) -> AudioLevel? {
        guard let range = extensionElement(id: id, in: bytes), !range.isEmpty else { return nil }
        return AudioLevel(byte: bytes[range.lowerBound])
    }
}

extension RTPPacketLayout {
    /// The CSRC at `index` in the array this layout was parsed from; see `csrc(at:in:)`.
    public func csrc(at index: Int, in bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { csrc(at: index, in: $0) }
    }

    /// The data range of extension element `id` in the array this layout was parsed from; see `extensionElement(id:in:)`.
    public func extensionElement(id: UInt8, in bytes: [UInt8]) -> Range<Int>? {
        bytes.withUnsafeBytes { extensionElement(id: id, in: $0) }
    }

    /// The audio level in the array this layout was parsed from; see `audioLevel(id:in:)`.
    public func audioLevel(id: UInt8 = AudioLevel.defaultExtensionID, in bytes: [UInt8]) -> AudioLevel? {
        bytes.withUnsafeBytes { audioLevel(id: id, in: $0) }
    }
}
