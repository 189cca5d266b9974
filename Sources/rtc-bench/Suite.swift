import ArgumentParser

/// Which sections of the table `rtc-bench --suite` runs.
enum Suite: String, CaseIterable, ExpressibleByArgument {
    /// The media core: each Swift wrapper against the same native calls in a C loop, and DTLS handshakes.
    case media
    /// The room server's forwarding: 1 publisher → N subscribers over real DTLS-SRTP legs.
    case sfu
    /// Room lifecycle and mouth-to-ear through the public `TRTCCloud` API.
    case room
    /// Concurrent participants in 5-person rooms.
    case load
    /// Every section: the whole table of targets.md.
    case all

    /// The sections this choice runs, in print order.
    var sections: [Suite] {
        self == .all ? [.media, .sfu, .room, .load] : [self]
    }
}
