/// A fuzz input split into the fields a target needs: each read takes bytes from the front and
/// returns fewer (or zero) when the input runs out, so every input maps to some case.
public struct FuzzInput {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    /// The input libFuzzer passes to `LLVMFuzzerTestOneInput`.
    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = UnsafeRawBufferPointer(start: size > 0 ? data : nil, count: size)
    }

    /// Bytes not yet taken.
    public var remaining: Int { bytes.count - offset }

    /// The next byte, 0 once the input is used up.
    public mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next `count` bytes, or as many as remain.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        let taken = min(max(count, 0), remaining)
        defer { offset += taken }
        return Array(bytes[offset..<offset + taken])
    }

    /// The bytes up to the next `separator` (consumed, not returned), or all that remain.
    public mutating func field(until separator: UInt8 = 0) -> [UInt8] {
        let rest = bytes[offset...]
        let end = rest.firstIndex(of: separator) ?? bytes.count
        defer { offset = min(end + 1, bytes.count) }
        return Array(bytes[offset..<end])
    }

    /// `field(until:)` as text; invalid UTF-8 is repaired, as a server reading a header would.
    public mutating func text(until separator: UInt8 = 0) -> String {
        String(decoding: field(until: separator), as: UTF8.self)
    }

    /// Every byte not yet taken.
    public mutating func rest() -> [UInt8] {
        bytes(remaining)
    }
}
