import ArgumentParser
import RTCEngine

/// Why `rtc-client` stops short, each with the exit code it ends the process with.
enum ClientError: Error, CustomStringConvertible {
    /// `enterRoom` failed with a TRTC error code.
    case enterFailed(code: Int, message: String)
    /// The server ended the stay: removed (1) or the room dismissed (2).
    case removed(reason: Int, detail: String)
    /// A WAV file to play could not be used.
    case badAudioFile(path: String, reason: String)
    /// The room could not be recorded to a WAV file.
    case recordingFailed(path: String, reason: String)
    /// A REST call to the room server failed.
    case restCallFailed(action: String, detail: String)
    /// A step of the demo did not happen as it should.
    case demoFailed(String)
    /// `--check-teardown`: threads (by name) or UDP sockets were left after `onExitRoom`.
    case teardownIncomplete(threads: [String], udpSockets: Int)

    /// The process's exit code: 2 enter failed, 3 removed or dismissed, 4 teardown incomplete, 1 otherwise.
    var exitCode: ExitCode {
        switch self {
        case .enterFailed: ExitCode(2)
        case .removed: ExitCode(3)
        case .teardownIncomplete: ExitCode(4)
        case .badAudioFile, .recordingFailed, .restCallFailed, .demoFailed: ExitCode(1)
        }
    }

    var description: String {
        switch self {
        case .enterFailed(let code, let message):
            return "could not enter the room: \(CallbackText.errorName(code)) (\(code)): \(message)"
        case .removed(let reason, let detail):
            return "the server ended the stay (onExitRoom(\(reason))): \(detail)"
        case .badAudioFile(let path, let reason):
            return "cannot play \(path): \(reason)"
        case .recordingFailed(let path, let reason):
            return "cannot record to \(path): \(reason)"
        case .restCallFailed(let action, let detail):
            return "REST \(action) failed: \(detail)"
        case .demoFailed(let what):
            return "demo failed: \(what)"
        case .teardownIncomplete(let threads, let sockets):
            return "the engine left \(sockets) UDP socket(s) open and these threads running after onExitRoom: "
                + (threads.isEmpty ? "none new by id" : threads.joined(separator: ", "))
        }
    }
}
