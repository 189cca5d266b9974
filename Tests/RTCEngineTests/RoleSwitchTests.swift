import Foundation
import RTCEngine
import RTCTestSupport
import Testing

/// `switchRole` in the scenes that have roles (api.md "Room"), end to end through the public API.
@Suite("switchRole")
struct RoleSwitchTests {
    @Test("audience → anchor: seen entering and publishing; anchor → audience: audio off, then leave reason 3",
        arguments: [TRTCAppScene.LIVE, .voiceChatRoom])
    func switchBothWays(scene: TRTCAppScene) async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let room = TestRoom(server: server)
        let (host, hostEvents) = try await room.enter("host", scene: scene)
        let (guest, guestEvents) = try await room.enter("guest", role: .audience, scene: scene, customCapture: true)
        try await guestEvents.wait(for: "the host") { $0 == .remoteUserEnterRoom(userId: "host") }

        // An audience: invisible, refused custom messages, and its startLocalAudio publishes nothing yet.
        #expect(!guest.sendCustomCmdMsg(1, data: Data("hello".utf8), reliable: true, ordered: true))
        guest.startLocalAudio(.speech)
        let tone = startTone(guest, frequency: 500)
        defer { tone.cancel() }
        try await Task.sleep(for: .seconds(1))
        #expect(!hostEvents.events.contains { $0 == .remoteUserEnterRoom(userId: "guest") || $0 == .userAudioAvailable(userId: "guest", available: true) })
        #expect(hostEvents.audio(from: "guest").isEmpty)

        // Audience → anchor: the audio started as an audience goes out now.
        guest.switchRole(.anchor)
        try await guestEvents.wait(for: "onSwitchRole(0)") { $0 == .switchRole(errCode: .ERR_NULL, errMsg: nil) }
        try await hostEvents.wait(for: "guest entering") { $0 == .remoteUserEnterRoom(userId: "guest") }
        try await hostEvents.wait(for: "guest's audio") { $0 == .userAudioAvailable(userId: "guest", available: true) }
        #expect(hostEvents.index(of: .remoteUserEnterRoom(userId: "guest"))! < hostEvents.index(of: .userAudioAvailable(userId: "guest", available: true))!)
        let heard = try await hostEvents.waitForSignal(from: "guest", after: 0)
        #expect(abs(heard - 500) < 500 * 0.05, "heard \(heard) Hz")
        #expect(guest.sendCustomCmdMsg(1, data: Data("hello".utf8), reliable: true, ordered: true))
        try await hostEvents.wait(for: "guest's message") { $0 == .customCmdMsg(userId: "guest", cmdID: 1, seq: 1, message: Data("hello".utf8)) }

        // Anchor → audience: the others see the audio go, then the user leave with reason 3.
        guest.switchRole(.audience)
        try await guestEvents.wait(until: "a second onSwitchRole(0)") {
            guestEvents.events.filter { $0 == .switchRole(errCode: .ERR_NULL, errMsg: nil) }.count == 2
        }
        try await hostEvents.wait(for: "guest leaving with reason 3") { $0 == .remoteUserLeaveRoom(userId: "guest", reason: 3) }
        let off = try #require(hostEvents.index(of: .userAudioAvailable(userId: "guest", available: false)))
        #expect(off < hostEvents.index(of: .remoteUserLeaveRoom(userId: "guest", reason: 3))!)
        #expect(!guest.sendCustomCmdMsg(1, data: Data("again".utf8), reliable: true, ordered: true))
        #expect(!guestEvents.events.contains { if case .switchRole(let code, _) = $0 { code != .ERR_NULL } else { false } })
        #expect(!guestEvents.events.contains { $0 == .remoteUserLeaveRoom(userId: "host", reason: 3) })
        #expect(!hostEvents.events.contains { if case .exitRoom = $0 { true } else { false } })

        host.exitRoom()
        guest.exitRoom()
        try await hostEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
        try await guestEvents.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
        // The audience's exit is no leave the host can see.
        try await Task.sleep(for: .milliseconds(300))
        #expect(hostEvents.events.filter { if case .remoteUserLeaveRoom("guest", _) = $0 { true } else { false } }.count == 1)
    }

    @Test("switchRole outside LIVE and voiceChatRoom is refused with ERR_NOT_SUPPORTED")
    func switchRoleInCallIsRefused() async throws {
        let server = try await ServerProcess(arguments: TestRoom.serverArguments)
        defer { server.stop() }
        let (cloud, events) = try await TestRoom(server: server).enter("caller", scene: .audioCall)
        cloud.switchRole(.audience)
        let answer = try await events.wait(for: "onSwitchRole") { if case .switchRole = $0 { true } else { false } }
        guard case .switchRole(let code, _) = answer else { return }
        #expect(code == .ERR_NOT_SUPPORTED)
        cloud.exitRoom()
        try await events.wait(for: "exit") { $0 == .exitRoom(reason: 0) }
    }
}
