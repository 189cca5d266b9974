import Foundation

/// `customCmd` (server → client): a member's custom message, delivered to the others.
public struct CustomCmdNotification: Codable, Sendable, Equatable {
    /// The sender.
    public var userId: String
    /// The command id, 1…10.
    public var cmdId: Int
    /// The sender's sequence number.
    public var seq: UInt32
    /// The payload (base64 on the wire).
    public var data: Data

    /// A delivered custom message.
    public init(userId: String, cmdId: Int, seq: UInt32, data: Data) {
        self.userId = userId
        self.cmdId = cmdId
        self.seq = seq
        self.data = data
    }
}
