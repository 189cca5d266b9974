/// One SDES item (RFC 3550 §6.5): a type and up to 255 bytes of UTF-8 text.
public struct SourceDescriptionItem: Hashable, Sendable {
    /// The item type (RFC 3550 §12.2): 1 CNAME ... 8 PRIV; 0 ends a chunk and is no item.
    public var type: UInt8
    /// The item's bytes as sent (UTF-8 text; PRIV items carry a prefix length and prefix first).
    public var value: [UInt8]

    /// An item from its type and raw bytes.
    public init(type: UInt8, value: [UInt8]) {
        self.type = type
        self.value = value
    }

    /// An item from its type and text.
    public init(type: UInt8, text: String) {
        self.init(type: type, value: Array(text.utf8))
    }

    /// The value as text; invalid UTF-8 is repaired.
    public var text: String {
        String(decoding: value, as: UTF8.self)
    }

    /// CNAME, the canonical end-point identifier (RFC 3550 §6.5.1).
    public static let cname: UInt8 = 1
    /// NAME, the user's name.
    public static let name: UInt8 = 2
    /// EMAIL.
    public static let email: UInt8 = 3
    /// PHONE.
    public static let phone: UInt8 = 4
    /// LOC, geographic location.
    public static let location: UInt8 = 5
    /// TOOL, the application's name and version.
    public static let tool: UInt8 = 6
    /// NOTE, a transient status message.
    public static let note: UInt8 = 7
    /// PRIV, private extensions.
    public static let privateExtension: UInt8 = 8
}
