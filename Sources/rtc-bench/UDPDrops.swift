/// Datagrams the kernel dropped because a socket's receive buffer was full: the `drops` column of
/// /proc/net/udp, by local port. Tells loss at the server's media socket (its loop did not read in
/// time) from loss at the receivers' sockets.
enum UDPDrops {
    /// The drops so far of every IPv4 UDP socket bound to one of `ports`.
    static func count(ports: Set<UInt16>) -> Int {
        guard let table = ProcFile.read("/proc/net/udp") else { return 0 }
        var total = 0
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 13, let colon = fields[1].lastIndex(of: ":"),
                let port = UInt16(fields[1][fields[1].index(after: colon)...], radix: 16), ports.contains(port),
                let drops = Int(fields[fields.count - 1])
            else { continue }
            total += drops
        }
        return total
    }
}
