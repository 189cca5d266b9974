/// What one phase of the SFU benchmark measured: the publisher sent probes at a steady rate for a window
/// while every subscriber decrypted what arrived; the server's counters and event-loop threads were read
/// at the window's edges.
struct SFUPhase: Codable, Sendable {
    /// Copies offered per second: probes sent × subscribers.
    let offered: Double
    /// Copies the server forwarded per second (its own counter).
    let forwarded: Double
    /// Cores of event-loop CPU time per second.
    let busyCores: Double
    /// Milliseconds per second the event-loop threads spent runnable but waiting for a CPU (other processes).
    let waitedPerSecond: Double
    /// Copies expected: probes stamped inside the window × subscribers.
    let expected: Int
    /// Copies that arrived, authenticated and were stamped inside the window.
    let received: Int
    /// Datagrams the server's media socket dropped because its receive buffer was full.
    let serverDrops: Int
    /// Datagrams the subscribers' sockets dropped because their receive buffers were full.
    let subscriberDrops: Int
    /// Send → kernel arrival at the subscriber, every copy; empty when not recorded.
    let latency: LatencySummary

    /// Forwarded copies per second of event-loop CPU time.
    var perBusyCore: Double { busyCores > 0 ? forwarded / busyCores : 0 }
    /// 1 − received / expected, in percent.
    var lossPercent: Double { expected > 0 ? 100 * Double(expected - received) / Double(expected) : 0 }
}

/// The server-side readings taken at each edge of a phase's window.
struct ServerReading {
    let wall: Int64
    let cpu: Int64
    let waited: Int64
    let forwarded: Double
    let serverDrops: Int
    let subscriberDrops: Int

    /// Reads the clocks and counters now.
    init(server: EmbeddedServer, loops: EventLoopThreads, subscriberPorts: Set<UInt16>) {
        wall = ProcessUsage.now()
        cpu = loops.cpuNanoseconds()
        waited = loops.waitNanoseconds()
        forwarded = server.metric("rtc_rtp_forwarded_total")
        serverDrops = UDPDrops.count(ports: Set(server.addresses.mediaPorts.map { UInt16($0) }))
        subscriberDrops = UDPDrops.count(ports: subscriberPorts)
    }
}
