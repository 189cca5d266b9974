import Foundation

/// The threads and UDP sockets of this process, read from /proc: what `--check-teardown` compares
/// before `enterRoom` and after `onExitRoom` to show that the engine left nothing running or open.
struct ProcessResources {
    /// The name (`comm`) of each thread, by thread id.
    var threads: [Int: String]
    /// The inodes of this process's open UDP sockets.
    var udpSockets: Set<String>

    /// The process as it is now.
    static func current() -> ProcessResources {
        ProcessResources(threads: threadNames(), udpSockets: udpSocketInodes())
    }

    /// Threads running now that were not running in `earlier`, by name.
    func newThreads(since earlier: ProcessResources) -> [String] {
        threads.filter { earlier.threads[$0.key] == nil }.map(\.value).sorted()
    }

    /// UDP sockets open now that were not open in `earlier`.
    func newUDPSockets(since earlier: ProcessResources) -> Set<String> {
        udpSockets.subtracting(earlier.udpSockets)
    }

    private static func threadNames() -> [Int: String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        var names: [Int: String] = [:]
        for task in tasks {
            guard let id = Int(task) else { continue }
            let comm = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? "?"
            names[id] = comm.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return names
    }

    private static func udpSocketInodes() -> Set<String> {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let sockets = Set(fds.compactMap { fd -> String? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"),
                target.hasPrefix("socket:[")
            else { return nil }
            return String(target.dropFirst("socket:[".count).dropLast())
        })
        var udp = Set<String>()
        for table in ["/proc/self/net/udp", "/proc/self/net/udp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if fields.count > 9, sockets.contains(String(fields[9])) { udp.insert(String(fields[9])) }
            }
        }
        return udp
    }
}
