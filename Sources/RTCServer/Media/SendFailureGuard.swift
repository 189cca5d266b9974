import NIOCore

/// What the core knows about failing sends on the media port. NIO fails every write pending in a
/// batch with the same error and closes the port, so the destination that caused it is unknown;
/// for `probeInterval` after such a close each write is flushed alone, and the one that fails
/// names its destination, which then gets nothing for `pauseInterval`: one failing member costs
/// the others a closed port about once a second, not on every batch. On the core's loop.
struct SendFailureGuard {
    /// How long after a close every write is flushed alone.
    static let probeInterval = TimeAmount.seconds(2)
    /// How long a destination whose send failed gets nothing.
    static let pauseInterval = TimeAmount.seconds(1)

    private var probeUntil = NIODeadline.distantPast
    private var pausedUntil: [SocketAddress: NIODeadline] = [:]
    /// The channel whose failing write was last blamed: the writes queued behind that one fail with
    /// the same error when NIO closes the channel, and are not to blame.
    private var blamedChannel: ObjectIdentifier?

    /// Whether writes are flushed alone (a send error closed the port lately).
    func isProbing(at now: NIODeadline) -> Bool { now < probeUntil }

    /// Whether `address` is to get nothing for now.
    mutating func isPaused(_ address: SocketAddress, at now: NIODeadline) -> Bool {
        guard !pausedUntil.isEmpty, let until = pausedUntil[address] else { return false }
        if now < until { return true }
        pausedUntil[address] = nil
        return false
    }

    /// The port closed on a send error: probe from now on.
    mutating func portClosed(at now: NIODeadline) {
        probeUntil = now + Self.probeInterval
    }

    /// A send to `address` on `channel` failed: unless an earlier write on that channel was blamed
    /// already, pauses `address` and keeps probing. Returns whether it did.
    mutating func sendFailed(to address: SocketAddress, on channel: ObjectIdentifier, at now: NIODeadline) -> Bool {
        guard blamedChannel != channel else { return false }
        blamedChannel = channel
        pausedUntil[address] = now + Self.pauseInterval
        probeUntil = now + Self.probeInterval
        return true
    }
}
