import Foundation
import Testing
@testable import RTCTransport

/// Cost figures printed on request (`RTC_MEASURE=1`, best in a release build); timing is not asserted.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RTC_MEASURE"] != nil), .serialized)
struct SRTPMeasurement {
    @Test(arguments: SRTPProfile.allCases)
    func protectAndUnprotect160BytePayloads(profile: SRTPProfile) throws {
        let (outbound, inbound) = try SRTPContextTests.pair(profile)
        let count = 100_000
        let plain = SRTPContextTests.rtpPacket(sequence: 0)
        let stride = plain.count + SRTPContext.maximumTrailerLength
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: stride * count, alignment: 16)
        defer { buffer.deallocate() }
        var lengths = [Int](repeating: 0, count: count)
        let clock = ContinuousClock()
        let protectTime = try clock.measure {
            for index in 0..<count {
                let packet = UnsafeMutableRawBufferPointer(rebasing: buffer[index * stride..<(index + 1) * stride])
                packet.copyBytes(from: plain)
                packet[2] = UInt8(truncatingIfNeeded: index >> 8)
                packet[3] = UInt8(truncatingIfNeeded: index)
                lengths[index] = try outbound.protectRTP(packet, length: plain.count)
            }
        }
        var recovered = 0
        let unprotectTime = try clock.measure {
            for index in 0..<count {
                let packet = UnsafeMutableRawBufferPointer(rebasing: buffer[index * stride..<(index + 1) * stride])
                if try inbound.unprotectRTP(packet, length: lengths[index]) == plain.count { recovered += 1 }
            }
        }
        #expect(recovered == count)
        func microseconds(_ duration: Duration) -> Double {
            Double(duration.components.attoseconds) / 1e12 / Double(count) + Double(duration.components.seconds) * 1e6 / Double(count)
        }
        print("SRTP \(profile.dtlsName), \(plain.count)-byte RTP (160-byte payload): protect \(microseconds(protectTime)) µs, unprotect \(microseconds(unprotectTime)) µs per packet")
    }

    @Test func dtlsHandshakesPerSecondInMemory() throws {
        let clientContext = try makeContext(), serverContext = try makeContext()
        let clock = ContinuousClock()
        var completed = 0
        let elapsed = try clock.measure {
            while completed < 200 {
                let client = try DTLSEndpoint(
                    context: clientContext, role: .client, expectedPeerFingerprint: serverContext.certificate.fingerprint)
                let server = try DTLSEndpoint(
                    context: serverContext, role: .server, expectedPeerFingerprint: clientContext.certificate.fingerprint)
                handshakeInMemory(client: client, server: server)
                if client.srtpKeys != nil && server.srtpKeys != nil { completed += 1 }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("DTLS 1.2 ECDSA P-256 handshakes in memory, both sides on one thread: \(Double(completed) / seconds) per second")
    }
}
