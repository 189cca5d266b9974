import Foundation

/// `customCmd`: a custom message to the room (TRTC's `sendCustomCmdMsg`); `data` travels as base64.
public struct CustomCmdRequest: Codable, Sendable, Equatable {
    /// The command id, 1…10.
    public var cmdId: Int
    /// The sender's sequence number, for ordering and loss detection.
    public var seq: UInt32
    /// Whether the server retransmits it until acknowledged.
    public var reliable: Bool
    /// Whether receivers get it in `seq` order.
    public var ordered: Bool
    /// The payload, at most 1 KiB.
    public var data: Data

    /// The valid command ids.
    public static let cmdIds: ClosedRange<Int> = 1...10
    /// The largest payload, in bytes.
    public static let maxDataBytes = 1024

    /// A custom message.
    public init(cmdId: Int, seq: UInt32, reliable: Bool, ordered: Bool, data: Data) {
        self.cmdId = cmdId
        self.seq = seq
        self.reliable = reliable
        self.ordered = ordered
        self.data = data
    }

    /// Throws `ERR_INVALID_PARAMETER` for a command id outside 1…10 or a payload over 1 KiB (api.md).
    public func validate() throws(SignalingError) {
        guard Self.cmdIds.contains(cmdId) else {
            throw .invalidParameter(.invalidParameter, reason: "cmdId \(cmdId) is outside 1…10")
        }
        guard data.count <= Self.maxDataBytes else {
            throw .invalidParameter(
                .invalidParameter, reason: "custom message of \(data.count) bytes exceeds \(Self.maxDataBytes)")
        }
    }
}
