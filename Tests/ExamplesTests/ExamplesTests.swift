import Foundation
import RTCServer
import Testing

/// Every example program, run as a user runs it: it must exit 0 and print the lines that show
/// its page's behaviour (callbacks in order, the measured result, its final "OK:" line).
@Suite("examples", .serialized)
struct ExamplesTests {
    /// An example, the lines its output must contain in this order, and lines it must contain
    /// anywhere (callbacks of different members, whose relative order is not defined).
    struct Expectation: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        var anywhere: [String] = []
        var testDescription: String { name }
    }

    static let expectations: [Expectation] = [
        Expectation(name: "EnterRoom", lines: [
            "room server started", "alice    onEnterRoom(", "alice    onRemoteUserEnterRoom(\"bob\")",
            "mallory  onError(ERR_TRTC_USER_SIG_CHECK_FAILED", "mallory  onEnterRoom(-100018)", "alice    onExitRoom(0)", "OK: entered room 1234",
        ]),
        Expectation(name: "SubscribeStreams", lines: [
            "bob      onFirstAudioFrame(\"alice\")", "bob (automatic) hears alice at 4", "carol (manual) has received nothing",
            "carol    onFirstAudioFrame(\"alice\")", "carol (manual, subscribed) hears alice at 4", "OK:",
        ]),
        Expectation(name: "PublishStreams", lines: [
            "bob      onUserAudioAvailable(\"alice\", available: true)",
            "bob      onUserAudioAvailable(\"alice\", available: false)", "bob      onUserAudioAvailable(\"alice\", available: true)",
            "bob      onUserAudioAvailable(\"alice\", available: false)", "dave     onWarning(WARNING_MICROPHONE_NOT_FOUND 1201", "OK:",
        ], anywhere: ["alice    onSendFirstLocalAudioFrame()", "bob hears alice at 3"]),
        Expectation(name: "ExitRoom", lines: [
            "1. exitRoom()", "alice    onExitRoom(0)", "bob saw: onRemoteUserLeaveRoom(\"alice\", reason: 0)",
            "2. RemoveUser over REST", "alice    onExitRoom(1)", "bob saw: onRemoteUserLeaveRoom(\"alice\", reason: 2)",
            "3. the same userId enters elsewhere", "alice    onWarning(WARNING_KICKED_BY_SAME_USER 7002", "alice    onExitRoom(1)",
            "4. DismissRoom over REST", "bob      onExitRoom(2)", "OK:",
        ]),
        Expectation(
            name: "NetworkQuality", lines: ["alice's statistics: rtt", "OK: quality graded"],
            anywhere: ["bob      onNetworkQuality(local:", "alice    onStatistics(rtt:"]),
        Expectation(name: "ShareComputerAudio", lines: ["microphone only:", "mixExternalAudioFrame returned", "sharing: bob hears", "OK: the computer audio rose"]),
        Expectation(name: "CustomAudio", lines: ["alice    onSendFirstLocalAudioFrame()", "bob pulled", "onWarning(WARNING_CUSTOM_AUDIO_FRAME_INVALID 7001", "OK: 440 Hz"]),
        Expectation(name: "AudioVolume", lines: ["onUserVoiceVolume([", "alice loud", "alice quiet", "alice silent", "OK: alice's volume"]),
        Expectation(name: "Denoise", lines: ["sent: voice", "from off", "from moderate", "from veryHigh", "OK: the noise bob heard fell"]),
        Expectation(name: "DataMessages", lines: [
            "bob      onRecvCustomCmdMsgUserId(\"alice\", cmdID: 1, seq: 1, message: \"chat line 1\")",
            "bob      onRecvCustomCmdMsgUserId(\"alice\", cmdID: 1, seq: 5, message: \"chat line 5\")",
            "alice    onRecvCustomCmdMsgUserId(\"bob\", cmdID: 1", "sendCustomCmdMsg with cmdID 11: false", "OK: 5 reliable messages in order",
        ]),
        Expectation(name: "SpeedTest", lines: [
            "tester   onSpeedTestResult(success: true", "speed test against", "up: loss", "down: loss", "tester   onEnterRoom(",
            "tester   onExitRoom(0)", "OK: quality",
        ]),
        Expectation(name: "EndCall", lines: [
            "DismissRoom(3001) → RequestId", "DismissRoomByStrRoomId(\"standup\") → RequestId",
            "FailedOperation.RoomNotExist", "AuthFailure.SignatureFailure", "OK: both calls ended",
        ], anywhere: ["alice    onExitRoom(2)", "bob      onExitRoom(2)", "carol    onExitRoom(2)", "dave     onExitRoom(2)"]),
        Expectation(name: "OfflineEviction", lines: [
            "killed dave's process", "alice    onRemoteUserLeaveRoom(\"dave\", reason: 1)", "keeper (allowlisted) is still in the room",
            "OK: dave evicted with reason 1",
        ], anywhere: ["alice    onRemoteUserEnterRoom(\"dave\")", "alice    onRemoteUserEnterRoom(\"keeper\")"]),
    ]

    /// Whether this process was built with ThreadSanitizer: the examples judge pitch and timing in real
    /// time, which a TSan build cannot keep up with on two cores (440 Hz was heard as 480 Hz).
    static let underThreadSanitizer = dlsym(nil, "__tsan_init") != nil

    @Test(
        "the example exits 0 and prints its key lines in order", .disabled(if: underThreadSanitizer, "real-time audio under TSan"),
        arguments: expectations)
    func example(_ expectation: Expectation) async throws {
        let run = try await ExampleProcess.run(expectation.name)
        #expect(run.status == 0, "\(expectation.name) exited \(run.status):\n\(run.output)")
        var rest = Substring(run.output)
        for line in expectation.lines {
            guard let found = rest.range(of: line) else {
                Issue.record("\(expectation.name): no \"\(line)\" after the lines before it in:\n\(run.output)")
                return
            }
            rest = rest[found.upperBound...]
        }
        for line in expectation.anywhere {
            #expect(run.output.contains(line), "\(expectation.name): no \"\(line)\" in:\n\(run.output)")
        }
        #expect(!run.output.contains("] FAILED: "), "\(run.output)")
    }

    @Test("an unknown argument fails with the usage and a non-zero status")
    func badArgument() async throws {
        let run = try await ExampleProcess.run("EnterRoom", arguments: ["--bogus", "1"])
        #expect(run.status == 1)
        #expect(run.output.contains("FAILED: unknown argument \"--bogus\""))
        #expect(run.output.contains("usage:"))
    }

    @Test("--server and --app: the example uses that server instead of starting its own")
    func givenServer() async throws {
        var configuration = ServerConfiguration()
        configuration.httpPort = 0
        configuration.mediaPort = 0
        let app = AppCredential(sdkAppId: 1_400_000_778, secretKey: "examples-tests-given-server")
        configuration.apps = [app]
        let server = RoomServer(configuration: configuration)
        let addresses = try await server.start()
        let run = try await ExampleProcess.run(
            "EnterRoom", arguments: ["--server", addresses.signalingURL, "--app", "\(app.sdkAppId):\(app.secretKey)"])
        await server.shutdown()
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("using the room server at \(addresses.signalingURL) (app \(app.sdkAppId))"))
        #expect(!run.output.contains("room server started"))
        #expect(run.output.contains("OK: entered room 1234"))
    }

    @Test("--server pointing nowhere fails clearly instead of hanging")
    func unreachableServer() async throws {
        let run = try await ExampleProcess.run("EnterRoom", arguments: ["--server", "ws://127.0.0.1:1/rtc/v1", "--app", "1400000001:key"])
        #expect(run.status == 1)
        #expect(run.output.contains("FAILED: alice could not enter"), "\(run.output)")
    }
}
