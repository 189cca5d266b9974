import Foundation
import Logging
import NIOCore
import NIOPosix
import RTCSignaling
import RTCTransport

/// `startSpeedTest`: measures the path to the room server with the server's own media path.
/// It joins a private room, publishes a probe stream at the expected uplink bandwidth for 2 s and
/// subscribes to itself, which makes the server echo the probes back (a loopback leg). RTT comes
/// from the echoes' send times, uplink loss from the server's Receiver Report, downlink loss from
/// the echoes against the server's Sender Report count, jitter from the echoes' arrival times.
enum SpeedTester {
    static let probeDuration: Duration = .seconds(2)
    static let payloadBytes = 1000

    static func run(_ params: TRTCSpeedTestParams, logger: Logger) async -> TRTCSpeedTestResult {
        let url = TRTCParams(sdkAppId: 0, userId: "", userSig: "", roomId: 0, serverURL: params.serverURL).resolvedServerURL
        var result = TRTCSpeedTestResult(
            success: false, errMsg: "", ip: url, quality: .unknown, upLostRate: 0, downLostRate: 0, rtt: 0,
            availableUpBandwidth: 0, availableDownBandwidth: 0, upJitter: 0, downJitter: 0)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var signaling: SignalingClient?
        var media: MediaTransport?
        do {
            let client = try await SignalingClient.connect(url: url, group: group, logger: logger)
            signaling = client
            let certificate = try DTLSCertificate.generate()
            let ice = ICEParameters(ufrag: "st" + String(UInt32.random(in: 1000...UInt32.max)), pwd: UUID().uuidString.replacingOccurrences(of: "-", with: ""))
            let room = "speedtest-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let join = JoinRequest(
                sdkAppId: params.sdkAppId, userId: params.userId, userSig: params.userSig, roomId: 0, strRoomId: room,
                role: .anchor, scene: .audioCall, ice: ice,
                dtls: DTLSParameters(fingerprint: certificate.fingerprint.description, setup: .active),
                client: ClientInfo(sdk: "RTCEngine-swift-speedtest", version: RTCEngineVersion.current))
            guard case .joinOK(let answer) = try await client.request(.join(join)), let candidate = answer.server.candidates.first else {
                throw EngineFailure(code: .ERR_TRTC_ENTER_ROOM_FAILED, message: "the server did not admit the test")
            }
            let transport = try await MediaTransport.open(
                group: group, candidate: candidate, localICE: ice, serverICE: answer.server.ice,
                serverFingerprint: try DTLSFingerprint(parsing: answer.server.dtls.fingerprint),
                context: try DTLSContext(certificate: certificate), logger: logger)
            media = transport
            _ = try await transport.connect(heartbeat: .milliseconds(Int64(answer.heartbeatMs)), timeout: .seconds(10))
            let ssrc = UInt32.random(in: 1...UInt32.max)
            _ = try await client.request(.publish(PublishRequest(tracks: [
                TrackDescription(kind: .audio, ssrc: ssrc, codec: CodecDescription(name: "opus", payloadType: 111, clockRate: 48_000, channels: 2))
            ])))
            _ = try await client.request(.subscribe(SubscriptionRequest(userId: params.userId, kind: .audio)))
            let measurement = await probe(transport, ssrc: ssrc, kbps: min(5000, max(10, params.expectedUpBandwidth)))
            _ = try? await client.request(.leave, timeout: .seconds(1))
            result.success = measurement.received > 0
            result.errMsg = result.success ? "" : "no probe came back"
            result.rtt = measurement.rttMilliseconds
            result.upLostRate = measurement.upLoss
            result.downLostRate = measurement.downLoss
            result.upJitter = measurement.jitterMilliseconds
            result.downJitter = measurement.jitterMilliseconds
            result.availableUpBandwidth = measurement.upKbps
            result.availableDownBandwidth = measurement.downKbps
            result.quality = .grade(loss: max(measurement.upLoss, measurement.downLoss), rttMilliseconds: measurement.rttMilliseconds, jitterMilliseconds: measurement.jitterMilliseconds)
        } catch {
            result.errMsg = RoomSession.describe(error).1
        }
        await media?.close()
        signaling?.close()
        if let signaling { _ = await signaling.waitUntilClosed() }
        try? await group.shutdownGracefully()
        return result
    }

    struct Measurement {
        var sent = 0
        var received = 0
        var rttMilliseconds = 0
        var jitterMilliseconds = 0
        var upLoss = 0.0
        var downLoss = 0.0
        var upKbps = 0
        var downKbps = 0
    }

    /// Sends paced probes and collects their echoes and the server's reports.
    private static func probe(_ transport: MediaTransport, ssrc: UInt32, kbps: Int) async -> Measurement {
        let packetsPerSecond = max(10, kbps * 1000 / 8 / payloadBytes)
        let count = packetsPerSecond * Int(probeDuration / .seconds(1))
        let origin = ContinuousClock.now
        let collector = Task { () -> (rtts: [Double], arrivals: [Double], forwarded: UInt32?, upLost: Int32?) in
            var rtts: [Double] = []
            var arrivals: [Double] = []
            var seen = Set<UInt16>()
            var forwarded: UInt32?
            var upLost: Int32?
            for await packet in transport.incoming {
                let now = (ContinuousClock.now - origin) / .milliseconds(1)
                switch packet {
                case .rtp(let bytes):
                    guard let layout = try? RTPPacketLayout(parsing: bytes), layout.ssrc == ssrc, layout.payloadRange.count >= 8,
                        seen.insert(layout.sequenceNumber).inserted
                    else { continue }
                    let sent = bytes[layout.payloadRange].prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                    rtts.append(now - Double(sent) / 1000)
                    arrivals.append(now)
                case .rtcp(let bytes):
                    for report in (try? CompoundPacket(parsing: bytes))?.packets ?? [] {
                        if case .senderReport(let sr) = report, sr.ssrc == ssrc { forwarded = sr.packetCount }
                        if case .receiverReport(let rr) = report, let block = rr.reports.first(where: { $0.ssrc == ssrc }) { upLost = block.cumulativeLost }
                    }
                }
                if Task.isCancelled { break }
            }
            return (rtts, arrivals, forwarded, upLost)
        }
        let interval = Duration.seconds(1) / packetsPerSecond
        for sequence in 0..<count {
            let sentMicroseconds = UInt64((ContinuousClock.now - origin) / .microseconds(1))
            var payload = (0..<8).map { UInt8(truncatingIfNeeded: sentMicroseconds >> (56 - 8 * $0)) }
            payload += [UInt8](repeating: 0x5A, count: payloadBytes - 8)
            let header = RTPHeader(payloadType: 111, sequenceNumber: UInt16(truncatingIfNeeded: sequence), timestamp: UInt32(sequence * 960), ssrc: ssrc)
            if let bytes = try? header.serialized() + payload { transport.sendRTP(bytes) }
            try? await Task.sleep(until: origin + interval * (sequence + 1), clock: .continuous)
        }
        try? await Task.sleep(for: .milliseconds(1200))  // the last echoes and one more round of RTCP
        collector.cancel()
        await transport.close()
        let (rtts, arrivals, forwarded, upLost) = await collector.value
        var measurement = Measurement(sent: count, received: rtts.count)
        measurement.rttMilliseconds = Int(rtts.sorted().dropFirst(rtts.count / 2).first ?? 0)
        let gaps = zip(arrivals.dropFirst(), arrivals).map { $0 - $1 }
        let expectedGap = 1000 / Double(packetsPerSecond)
        measurement.jitterMilliseconds = gaps.isEmpty ? 0 : Int(gaps.map { abs($0 - expectedGap) }.reduce(0, +) / Double(gaps.count))
        let serverReceived = forwarded.map(Int.init) ?? (count - Int(upLost ?? 0))
        measurement.upLoss = max(0, Double(count - serverReceived) / Double(count))
        measurement.downLoss = serverReceived > 0 ? max(0, Double(serverReceived - rtts.count) / Double(serverReceived)) : 1
        let seconds = Double(probeDuration / .milliseconds(1)) / 1000
        measurement.upKbps = Int(Double(serverReceived * payloadBytes * 8) / seconds / 1000)
        measurement.downKbps = Int(Double(rtts.count * payloadBytes * 8) / seconds / 1000)
        return measurement
    }
}
