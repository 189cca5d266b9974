import Foundation
import RTCTransport
import NIOConcurrencyHelpers

/// RTCP on the client's leg (protocol.md §2.5) and the 2 s statistics and quality reports.
extension RoomSession {
    /// A Sender Report for the published stream and a Receiver Report for every received one.
    func sendReports() {
        guard let media = state.withLockedValue({ $0.media }) else { return }
        let ssrc = state.withLockedValue { $0.localSSRC }
        var packets: [RTCPPacket] = []
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        let blocks = playout.withStreams { streams in streams.map { $0.reception.makeReport(ssrc: $0.ssrc, now: now) } }
        if let pipeline = sendPipeline.withLockedValue({ $0 }) {
            let counters = pipeline.counters.withLockedValue { $0 }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - counters.lastSent.uptimeNanoseconds) / 1e9
            packets.append(.senderReport(SenderReport(
                ssrc: ssrc, ntpTimestamp: NTPTimestamp.now().rawValue,
                rtpTimestamp: counters.lastTimestamp &+ UInt32(truncatingIfNeeded: Int64(elapsed * Double(pipeline.quality.sampleRate))),
                packetCount: counters.packets, octetCount: counters.octets, reports: Array(blocks.prefix(31)))))
        } else {
            packets.append(.receiverReport(ReceiverReport(ssrc: ssrc, reports: Array(blocks.prefix(31)))))
        }
        if let bytes = try? CompoundPacket(packets: packets).serialized() { media.sendRTCP(bytes) }
    }

    /// What the server's reports say: uplink loss and round-trip time from its Receiver Report
    /// about our stream, and its Sender Reports for the LSR/DLSR of ours.
    func handleRTCP(_ bytes: [UInt8]) {
        guard let compound = try? CompoundPacket(parsing: bytes) else { return }
        let ssrc = state.withLockedValue { $0.localSSRC }
        let arrival = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        let nowCompact = NTPTimestamp.now().compact
        for packet in compound.packets {
            var reports: [ReceptionReport] = []
            switch packet {
            case .receiverReport(let report): reports = report.reports
            case .senderReport(let report):
                reports = report.reports
                playout.withStreams { streams in
                    streams.first { $0.ssrc == report.ssrc }?.reception.recordSenderReport(compactNTP: report.compactNTPTimestamp, arrival: arrival)
                }
            default: continue
            }
            for block in reports where block.ssrc == ssrc {
                state.withLockedValue { state in
                    state.upLoss = Int(block.fractionLost) * 100 / 256
                    if block.lastSenderReport != 0 {
                        let rtt = nowCompact &- block.lastSenderReport &- block.delaySinceLastSenderReport
                        if rtt < 0x8000_0000 { state.rtt = Int(Double(rtt) / 65.536) }
                    }
                }
            }
        }
    }

    /// `onStatistics` and `onNetworkQuality`, every 2 s.
    func reportStatistics() {
        var statistics = TRTCStatistics()
        let (upLoss, rtt, previous) = state.withLockedValue { ($0.upLoss, $0.rtt, $0.lastStatistics) }
        statistics.upLoss = upLoss
        statistics.rtt = rtt
        statistics.appCpu = ProcessCPU.shared.sample()
        var remoteQualities: [TRTCQualityInfo] = []
        var received: UInt64 = 0
        var worstDownLoss = 0
        playout.withStreams { streams in
            for stream in streams {
                let jitter = stream.jitterStatistics
                var remote = TRTCRemoteStatistics()
                remote.userId = stream.userId
                remote.audioSampleRate = 48_000
                remote.audioBitrate = stream.bytesInInterval * 8 / 2 / 1000
                let blocks = max(1, stream.blocksInInterval)
                remote.audioBlockRate = stream.concealedInInterval * 100 / blocks
                remote.audioTotalBlockTime = stream.concealedBlocks * 10
                remote.jitterBufferDelay = Int(jitter.currentDelay / .milliseconds(1))
                remote.point2PointDelay = rtt / 2 + remote.jitterBufferDelay
                let expected = max(1, stream.reception.expectedPackets)
                remote.audioPacketLoss = Int(max(0, stream.reception.cumulativeLost) * 100 / Int64(expected))
                worstDownLoss = max(worstDownLoss, Int(jitter.lossRate * 100))
                received += stream.reception.bytesReceived
                statistics.remoteStatistics.append(remote)
                remoteQualities.append(TRTCQualityInfo(
                    userId: stream.userId,
                    quality: .grade(loss: jitter.lossRate, rttMilliseconds: rtt, jitterMilliseconds: Int(jitter.jitter / .milliseconds(1)))))
                stream.bytesInInterval = 0
                stream.blocksInInterval = 0
                stream.concealedInInterval = 0
            }
        }
        statistics.downLoss = worstDownLoss
        statistics.receivedBytes = received
        var local = TRTCLocalStatistics()
        if let pipeline = sendPipeline.withLockedValue({ $0 }) {
            let counters = pipeline.counters.withLockedValue { $0 }
            statistics.sentBytes = UInt64(counters.octets)
            local.audioSampleRate = pipeline.quality.sampleRate
            local.audioBitrate = Int(UInt64(counters.octets) - min(UInt64(counters.octets), previous.sent)) * 8 / 2 / 1000
            local.audioCaptureState = settings.read(\.localMuted) ? 1 : 0
        }
        statistics.localStatistics = [local]
        state.withLockedValue { $0.lastStatistics = (statistics.sentBytes, received) }
        dispatcher.emit(.statistics(statistics))
        let localQuality = TRTCQuality.grade(loss: Double(max(upLoss, worstDownLoss)) / 100, rttMilliseconds: rtt)
        dispatcher.emit(.networkQuality(local: TRTCQualityInfo(userId: "", quality: rtt == 0 && upLoss == 0 && received == 0 ? .unknown : localQuality), remote: remoteQualities))
    }
}

/// This process's CPU use between two samples, from getrusage.
final class ProcessCPU: Sendable {
    static let shared = ProcessCPU()
    private let last = NIOLockedValueBox<(cpu: Double, wall: Double)?>(nil)

    /// Percent of one core used since the previous sample.
    func sample() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let wall = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        return last.withLockedValue { previous in
            defer { previous = (cpu, wall) }
            guard let previous, wall > previous.wall else { return 0 }
            return Int((cpu - previous.cpu) / (wall - previous.wall) * 100)
        }
    }
}
