/// An RTP header extension block (RFC 3550 §5.3.1): the RFC 8285 one- or two-byte element
/// forms, or any other profile kept opaque.
public enum RTPHeaderExtension: Hashable, Sendable {
    /// RFC 8285 §4.2, profile 0xBEDE: IDs 1...14, 1...16 bytes of data each.
    case oneByte([RTPExtensionElement])
    /// RFC 8285 §4.3, profile 0x1000 | appBits: IDs 1...255, 0...255 bytes of data each.
    case twoByte(appBits: UInt8, [RTPExtensionElement])
    /// Any other profile (RFC 3550 §5.3.1): data whose length is a multiple of 4.
    case opaque(profile: UInt16, data: [UInt8])

    /// The profile of the one-byte form.
    static let oneByteProfile: UInt16 = 0xBEDE
    /// The profile of the two-byte form, before its four app bits.
    static let twoByteProfile: UInt16 = 0x1000

    /// The elements of an RFC 8285 block; empty for an opaque one.
    public var elements: [RTPExtensionElement] {
        switch self {
        case .oneByte(let elements), .twoByte(_, let elements): elements
        case .opaque: []
        }
    }

    /// The data of the first element with `id`, if any.
    public func element(id: UInt8) -> [UInt8]? {
        elements.first { $0.id == id }?.data
    }

    /// Replaces the data of the element with `id`, or appends one. No-op on an opaque block.
    public mutating func setElement(id: UInt8, data: [UInt8]) {
        var elements = elements
        if let index = elements.firstIndex(where: { $0.id == id }) {
            elements[index].data = data
        } else {
            elements.append(RTPExtensionElement(id: id, data: data))
        }
        switch self {
        case .oneByte: self = .oneByte(elements)
        case .twoByte(let appBits, _): self = .twoByte(appBits: appBits, elements)
        case .opaque: break
        }
    }
}
