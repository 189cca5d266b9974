import RTCEngine

/// What the status line shows, kept up to date from the periodic callbacks: who is in the room,
/// the last statistics (RTT, loss, bitrates) and the last volumes.
struct RoomStatus: Sendable {
    /// Remote users in the room, in order of arrival.
    var users: [String] = []
    /// The last `onStatistics`.
    var statistics = TRTCStatistics()
    /// The last `onUserVoiceVolume`.
    var volumes: [TRTCVolumeInfo] = []
    /// The last total volume, 0…100.
    var totalVolume = 0

    /// Updates the figures from one callback.
    mutating func apply(_ event: TRTCEvent) {
        switch event {
        case .remoteUserEnterRoom(let userId) where !users.contains(userId): users.append(userId)
        case .remoteUserLeaveRoom(let userId, _): users.removeAll { $0 == userId }
        case .exitRoom: users = []
        case .statistics(let statistics): self.statistics = statistics
        case .userVoiceVolume(let volumes, let total):
            self.volumes = volumes
            totalVolume = total
        default: break
        }
    }

    /// One line, most important first (a terminal cuts the end): users, level meter, RTT, loss,
    /// bitrates, each speaker's volume, e.g.
    /// `2 users [######----] 61 | rtt 1 ms | loss up 0% down 0% | kbit/s up 0 down 97 | talker-a 58 talker-b 60`.
    var line: String {
        let sent = statistics.localStatistics.reduce(0) { $0 + $1.audioBitrate }
        let received = statistics.remoteStatistics.reduce(0) { $0 + $1.audioBitrate }
        let speakers = volumes.map { "\($0.userId.isEmpty ? "me" : $0.userId) \($0.volume)" }.joined(separator: " ")
        return "\(users.count) user\(users.count == 1 ? "" : "s") \(Self.meter(totalVolume)) \(totalVolume)"
            + " | rtt \(statistics.rtt) ms | loss up \(statistics.upLoss)% down \(statistics.downLoss)%"
            + " | kbit/s up \(sent) down \(received)" + (speakers.isEmpty ? "" : " | " + speakers)
    }

    /// A ten-step bar for a volume of 0…100.
    static func meter(_ volume: Int) -> String {
        let filled = min(10, max(0, (volume + 5) / 10))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 10 - filled) + "]"
    }
}
