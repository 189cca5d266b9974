#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The calling thread's CPU time, read exactly as the C loops read it (`CLOCK_THREAD_CPUTIME_ID`):
/// on a shared machine, time spent running other processes does not count against either side.
enum ThreadCPUClock {
    /// The current reading in nanoseconds.
    static func nanoseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }

    /// Runs `iterations` passes of `body` and returns the nanoseconds per pass.
    @inline(__always)
    static func perOperation(iterations: Int, _ body: (Int) throws -> Void) rethrows -> Double {
        let start = nanoseconds()
        for index in 0..<iterations { try body(index) }
        return (nanoseconds() - start) / Double(iterations)
    }
}
