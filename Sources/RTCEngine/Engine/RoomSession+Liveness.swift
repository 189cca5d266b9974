import NIOCore
import NIOConcurrencyHelpers

/// Liveness: noticing a server that no longer answers while the TCP connection still looks open
/// (a cut link keeps it open for minutes, so the WebSocket alone would never end).
///
/// The server is heard through any signaling frame (the `pong` answering the `ping` sent every
/// `heartbeatMs` included), any authenticated RTP/RTCP packet, and STUN consent responses
/// (RFC 7675; `MediaTransport.lastConsent`). When none of them has arrived for
/// ``livenessBound(heartbeatMs:userTimeoutMs:)``, the signaling connection is abandoned and the
/// reconnection path (`signalingEnded`) resumes the session with `resume: sessionId`.
extension RoomSession {
    /// How long the server may stay silent before the connection counts as lost: half the
    /// server's user timeout, so that a resume can still land before the server evicts this
    /// session, but at most three heartbeats, and at least one second. With the default 6 s
    /// timeout (heartbeat 2 s) that is 3 s, one and a half heartbeats: one lost consent round
    /// alone does not trigger it while signaling or media keep arriving.
    static func livenessBound(heartbeatMs: Int, userTimeoutMs: Int) -> Duration {
        .milliseconds(max(1000, min(userTimeoutMs / 2, 3 * heartbeatMs)))
    }

    /// How often the watchdog looks at the silence.
    static let livenessCheckInterval: Duration = .milliseconds(250)

    /// Records that an authenticated media packet arrived from the server.
    func heardMedia() {
        lastMediaHeard.store(NIODeadline.now().uptimeNanoseconds, ordering: .relaxed)
    }

    /// Watches the silence while in the room; abandons the signaling connection (which starts
    /// the reconnection) when it exceeds the bound. Runs until cancelled by the teardown.
    func watchLiveness(bound: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.livenessCheckInterval)
            let (phase, signaling, media) = state.withLockedValue { ($0.phase, $0.signaling, $0.media) }
            guard phase == .inRoom, let signaling, !signaling.isClosed else { continue }
            let consent = (try? await media?.loop.submit { media?.lastConsent.uptimeNanoseconds ?? 0 }.get()) ?? 0
            let heard = max(signaling.lastReceived, lastMediaHeard.load(ordering: .relaxed), consent)
            let now = NIODeadline.now().uptimeNanoseconds
            guard now > heard, Duration.nanoseconds(Int64(now - heard)) > bound else { continue }
            logger.warning("nothing heard from the server for \(bound): abandoning the signaling connection", metadata: [
                "room": "\(roomDescription)", "user": "\(params.userId)",
            ])
            signaling.abandon(reason: "nothing heard from the server for \(bound)")
        }
    }
}
