/// An SRTP master key and master salt (RFC 3711 §8.2), from which libsrtp derives the session keys.
public struct SRTPKeyMaterial: Sendable, Equatable {
    /// The master key (16 bytes for both profiles).
    public let masterKey: [UInt8]
    /// The master salt (12 bytes for AES-GCM, 14 for AES-CM).
    public let masterSalt: [UInt8]

    /// Key material from a master key and salt; `SRTPContext` checks their lengths against its profile.
    public init(masterKey: [UInt8], masterSalt: [UInt8]) {
        self.masterKey = masterKey
        self.masterSalt = masterSalt
    }
}
