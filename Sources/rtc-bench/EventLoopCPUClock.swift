import Glibc
import NIOCore
import NIOPosix

/// CPU time of the threads of NIO's shared event loop group, where the embedded `RoomServer` runs
/// (its media port, with the whole forwarding path, is served by one of them). Each thread's CPU clock
/// is taken from inside the thread (`pthread_getcpuclockid`), then read from anywhere.
struct EventLoopCPUClock: Sendable {
    /// One CPU-time clock per event loop thread.
    let clocks: [clockid_t]

    /// The clocks of `MultiThreadedEventLoopGroup.singleton`'s threads.
    static func singletonGroup() async throws -> EventLoopCPUClock {
        var clocks: [clockid_t] = []
        for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
            let clock = try await loop.submit { () -> clockid_t in
                var clock = clockid_t()
                pthread_getcpuclockid(pthread_self(), &clock)
                return clock
            }.get()
            clocks.append(clock)
        }
        return EventLoopCPUClock(clocks: clocks)
    }

    /// The threads' CPU time so far, summed, in nanoseconds.
    func nanoseconds() -> Int64 {
        clocks.reduce(0) { total, clock in
            var time = timespec()
            clock_gettime(clock, &time)
            return total + Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
        }
    }
}
