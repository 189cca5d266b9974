/// One generic NACK entry (RFC 4585 §6.2.1): a lost packet ID and a bitmask of the 16 after it.
public struct NACKPair: Hashable, Sendable {
    /// The sequence number of a lost packet (PID).
    public var packetID: UInt16
    /// Bit i set: packet `packetID + i + 1` is lost too (BLP).
    public var lostBitmask: UInt16

    /// A pair from its fields.
    public init(packetID: UInt16, lostBitmask: UInt16) {
        self.packetID = packetID
        self.lostBitmask = lostBitmask
    }

    /// Every sequence number this pair reports lost, in order.
    public var sequenceNumbers: [UInt16] {
        [packetID] + (0..<16).filter { lostBitmask & (1 << $0) != 0 }.map { packetID &+ UInt16($0) &+ 1 }
    }
}
