/// A STUN message (RFC 8489 §5): type, transaction ID, and attributes in order.
///
/// Build one with the Binding helpers and `encoded(integrityKey:fingerprint:)`; decode received
/// bytes with `init(decoding:)`, then check `verifyFingerprint()` and `verifyIntegrity(key:)`,
/// which work on the bytes as received.
public struct STUNMessage: Sendable, Equatable {
    /// Method and class.
    public var type: STUNMessageType
    /// The transaction ID that pairs a response with its request.
    public var transactionID: STUNTransactionID
    /// The attributes in wire order. A decoded message lists MESSAGE-INTEGRITY and FINGERPRINT
    /// too; attributes that followed MESSAGE-INTEGRITY (other than FINGERPRINT) are dropped,
    /// as RFC 8489 §14.5 requires.
    public var attributes: [STUNAttribute]

    /// The bytes this message was decoded from, kept so integrity and fingerprint can be checked.
    let received: ReceivedBytes?

    /// A message to encode.
    public init(type: STUNMessageType, transactionID: STUNTransactionID, attributes: [STUNAttribute] = []) {
        self.type = type
        self.transactionID = transactionID
        self.attributes = attributes
        self.received = nil
    }

    init(type: STUNMessageType, transactionID: STUNTransactionID, attributes: [STUNAttribute], received: ReceivedBytes) {
        self.type = type
        self.transactionID = transactionID
        self.attributes = attributes
        self.received = received
    }

    /// Messages are equal when type, transaction ID and attributes are; how they arrived does not matter.
    public static func == (lhs: STUNMessage, rhs: STUNMessage) -> Bool {
        lhs.type == rhs.type && lhs.transactionID == rhs.transactionID && lhs.attributes == rhs.attributes
    }

    /// The size of the fixed header (RFC 8489 §5).
    static let headerLength = 20

    /// A decoded message's bytes and where its MESSAGE-INTEGRITY and FINGERPRINT attributes start.
    struct ReceivedBytes: Sendable {
        let bytes: [UInt8]
        let integrityOffset: Int?
        let fingerprintOffset: Int?
    }
}
