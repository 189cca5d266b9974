import Foundation
import RTCSignaling

/// The sending half of custom messages (api.md "Messages"): the limits, per-cmdID sequence numbers,
/// and the outbox. Messages leave in the order they were sent; a reliable one holds those behind
/// it until the server's `customCmd.ok`, is sent again while the server refuses it as over its
/// rate limit, and those not acknowledged when the connection drops are sent again, in order,
/// once the session is recovered; receivers drop duplicates by sequence number.
struct CustomMessageSender: Sendable {
    private var nextSeq: [Int: UInt32] = [:]
    private var messageRate = RateWindow(limit: 30)
    private var byteRate = RateWindow(limit: 8 * 1024)
    /// Messages not yet handed over for good, oldest first: reliable ones until acknowledged,
    /// unreliable ones until sent.
    private var outbox: [CustomCmdRequest] = []
    /// The signaling connection the outbox is being sent over, while a sender task runs.
    var sendingOver: ObjectIdentifier?

    /// Reliable messages not yet acknowledged, oldest first.
    var unacknowledged: [CustomCmdRequest] { outbox.filter(\.reliable) }

    /// The oldest message of the outbox.
    var next: CustomCmdRequest? { outbox.first }

    /// Checks TRTC's rules and the rate limits; returns the request, now in the outbox, or nil
    /// (`sendCustomCmdMsg` → false). Without a connection (`connected` false) an unreliable
    /// message is not kept: its sequence number is missed.
    mutating func prepare(cmdID: Int, data: Data, reliable: Bool, ordered: Bool, now: Double, connected: Bool) -> CustomCmdRequest? {
        guard CustomCmdRequest.cmdIds.contains(cmdID), data.count <= CustomCmdRequest.maxDataBytes, reliable == ordered else {
            return nil
        }
        guard messageRate.admit(now: now), byteRate.admit(data.count, now: now) else { return nil }
        let seq = nextSeq[cmdID, default: 1]
        nextSeq[cmdID] = seq &+ 1
        let request = CustomCmdRequest(cmdId: cmdID, seq: seq, reliable: reliable, ordered: ordered, data: data)
        if reliable || connected { outbox.append(request) }
        return request
    }

    /// A message is handed over for good: acknowledged by the server, sent (unreliable), or refused for good.
    mutating func acknowledge(cmdID: Int, seq: UInt32) {
        outbox.removeAll { $0.cmdId == cmdID && $0.seq == seq }
    }
}

/// The receiving half: delivers each reliable message once, in order, and reports gaps in a
/// sender's sequence numbers as `onMissCustomCmdMsgUserId`.
struct CustomMessageReceiver: Sendable {
    private struct Key: Hashable {
        var userId: String
        var cmdID: Int
    }

    private var lastSeq: [Key: UInt32] = [:]

    /// What to tell the app about one received message: how many were missed before it, and
    /// whether to deliver it (false for a duplicate).
    mutating func receive(userId: String, cmdID: Int, seq: UInt32) -> (missed: Int, deliver: Bool) {
        let key = Key(userId: userId, cmdID: cmdID)
        guard let last = lastSeq[key] else {
            lastSeq[key] = seq
            return (0, true)
        }
        let distance = seq &- last
        guard distance != 0, distance < 0x8000_0000 else { return (0, false) }  // duplicate or older
        lastSeq[key] = seq
        return (Int(distance) - 1, true)
    }
}
