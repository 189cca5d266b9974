import Glibc

/// Reads a /proc file whole. /proc files report a size of 0 and are produced a page at a time, so they
/// are read with `read(2)` until it returns 0 (a reader that trusts the size can stop after the first page:
/// /proc/net/udp with hundreds of sockets is many pages).
enum ProcFile {
    /// The file's text, or nil when it cannot be opened.
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
