import Foundation
import Glibc
import NIOCore
import NIOPosix

/// The threads of NIO's shared event loop group, where the embedded `RoomServer` runs (its media port,
/// with the whole forwarding path, is served by one of them): their CPU time, and how long they waited
/// for a CPU while runnable, which on a shared machine is where latency tails come from. Each thread's
/// CPU clock and task id are taken from inside the thread, then read from anywhere.
struct EventLoopThreads: Sendable {
    /// One CPU-time clock per event loop thread.
    let clocks: [clockid_t]
    /// The threads' kernel task ids, for /proc/self/task/<id>/schedstat.
    let taskIDs: [String]

    /// The threads of `MultiThreadedEventLoopGroup.singleton`.
    static func singletonGroup() async throws -> EventLoopThreads {
        var clocks: [clockid_t] = []
        var taskIDs: [String] = []
        for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
            let (clock, taskID) = try await loop.submit { () -> (clockid_t, String) in
                var clock = clockid_t()
                pthread_getcpuclockid(pthread_self(), &clock)
                let task = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? ""
                return (clock, String(task.split(separator: "/").last ?? ""))
            }.get()
            clocks.append(clock)
            taskIDs.append(taskID)
        }
        return EventLoopThreads(clocks: clocks, taskIDs: taskIDs)
    }

    /// The threads' CPU time so far, summed, in nanoseconds.
    func cpuNanoseconds() -> Int64 {
        clocks.reduce(0) { total, clock in
            var time = timespec()
            clock_gettime(clock, &time)
            return total + Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
        }
    }

    /// How long the threads have waited on a run queue so far, summed, in nanoseconds.
    func waitNanoseconds() -> Int64 {
        ProcessUsage.runQueueWait(taskIDs: taskIDs)
    }
}
