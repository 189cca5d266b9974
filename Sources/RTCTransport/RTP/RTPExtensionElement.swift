/// One RFC 8285 header-extension element: a local ID and its data.
public struct RTPExtensionElement: Hashable, Sendable {
    /// The local identifier: 1...14 in the one-byte form, 1...255 in the two-byte form.
    public var id: UInt8
    /// The element's data: 1...16 bytes in the one-byte form, 0...255 in the two-byte form.
    public var data: [UInt8]

    /// An element from its parts.
    public init(id: UInt8, data: [UInt8]) {
        self.id = id
        self.data = data
    }
}
