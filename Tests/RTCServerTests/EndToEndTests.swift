import Foundation
import RTCSignaling
import RTCTestSupport
import RTCTransport
import Testing

@testable import RTCEngine

/// The "done when": a real `rtc-server` process, real clients, real media.
@Suite("rtc-server end to end")
struct EndToEndTests {
    static let appArgument = "\(TestParticipant.app.sdkAppId):\(TestParticipant.app.secretKey)"

    @Test("Opus from one member reaches the other, decrypted and decoded; a leave is seen with reason 0")
    func audioFlowsAndLeaveIsSeen() async throws {
        let server = try await ServerProcess(arguments: ["--app", Self.appArgument])
        defer { server.stop() }
        let alice = try await TestParticipant(url: server.signalingURL, userId: "alice")
        let bob = try await TestParticipant(url: server.signalingURL, userId: "bob")
        #expect(bob.joinAnswer.users.map(\.userId) == ["alice"])
        try await alice.waitForEvent("userJoined(bob)") { if case .userJoined(let j) = $0 { j.userId == "bob" } else { false } }
        let aliceProfile = try await alice.connectMedia()
        let bobProfile = try await bob.connectMedia()
        #expect(aliceProfile == .aeadAES128GCM && bobProfile == .aeadAES128GCM)
        _ = try await alice.signaling.request(Tone.publish(ssrc: 0x1111))
        try await bob.waitForEvent("streamPublished") { if case .streamPublished(let s) = $0 { s.ssrc == 0x1111 } else { false } }
        let packets = try Tone.packets(frequency: 440, frames: 75, ssrc: 0x1111)
        let bobMedia = try #require(bob.media)
        async let received = Tone.receive(60, from: bobMedia)
        try await Tone.send(packets, over: try #require(alice.media))
        let arrived = await received
        #expect(arrived.count >= 60)
        let pcm = try Tone.decode(arrived)
        let frequency = Tone.frequency(of: pcm)
        #expect(abs(frequency - 440) < 440 * 0.02, "decoded tone is \(frequency) Hz")
        try await alice.leave()
        #expect(try await bob.waitForLeave(of: "alice") == .exit)
        await alice.close()
        await bob.close()
    }
}
