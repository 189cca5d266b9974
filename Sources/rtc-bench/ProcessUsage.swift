import Foundation
import Glibc

/// This process's resident memory and CPU time, and the machine's load average: the context every
/// system figure is reported with.
enum ProcessUsage {
    /// Resident set size in bytes (/proc/self/statm).
    static func residentBytes() -> Int {
        guard let text = ProcFile.read("/proc/self/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * sysconf(Int32(_SC_PAGESIZE))
    }

    /// User + system CPU time of the whole process so far, in nanoseconds.
    static func cpuNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// How long the given threads (all of the process's when nil) have waited on a run queue while
    /// runnable, in nanoseconds: the second field of /proc/self/task/<id>/schedstat.
    static func runQueueWait(taskIDs: [String]? = nil) -> Int64 {
        let tasks = taskIDs ?? ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? [])
        return tasks.reduce(0) { total, task in
            guard let text = ProcFile.read("/proc/self/task/\(task)/schedstat") else { return total }
            let fields = text.split(separator: " ")
            return total + (fields.count > 1 ? Int64(fields[1]) ?? 0 : 0)
        }
    }

    /// The 1-minute load average.
    static func loadAverage() -> Double {
        guard let text = ProcFile.read("/proc/loadavg") else { return 0 }
        return text.split(separator: " ").first.flatMap { Double($0) } ?? 0
    }

    /// Monotonic time in nanoseconds.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
