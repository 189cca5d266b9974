import Foundation
import NIOConcurrencyHelpers

/// Tencent's official TRTC SDK for Python (`tencentcloud-sdk-python-trtc`), installed into
/// `.build/pyenv` by `scripts/pyenv.sh` once per test process and driven through
/// `scripts/room_service.py`: the room server as an app's backend really calls it.
enum RESTOfficialSDK {
    /// What one SDK call ended with: the deserialized response, or the `TencentCloudSDKException`.
    struct Result: Sendable, CustomStringConvertible {
        /// False when the SDK raised.
        let ok: Bool
        /// The exception's code (`FailedOperation.RoomNotExist`, …), nil on success.
        let code: String?
        /// The `RequestId` of the response or the exception.
        let requestId: String?
        /// The script's output.
        let description: String
    }

    /// Why the SDK could not be installed, or the script did not answer with a result.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private enum Setup: Sendable {
        case ready(python: String)
        case pypiUnreachable(String)
        case failed(String)
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Set up once without blocking a thread; every test awaits the same result.
    private static let setup = Task<Setup, Never> {
        let install = await run(["bash", packageRoot.appendingPathComponent("scripts/pyenv.sh").path])
        let python = install.output.split(separator: "\n").last.map(String.init) ?? ""
        if install.status == 0, FileManager.default.isExecutableFile(atPath: python) { return .ready(python: python) }
        let probe = await run([
            "python3", "-c", "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/pip/', timeout=20)",
        ])
        let log = "scripts/pyenv.sh exited \(install.status): \(install.output)\(install.errors)"
        return probe.status == 0 ? .failed(log) : .pypiUnreachable(log)
    }

    /// False only when PyPI cannot be reached, so the SDK cannot be installed (the SDK tests then skip).
    static var pypiReachable: Bool {
        get async {
            if case .pypiUnreachable = await setup.value { false } else { true }
        }
    }

    /// Calls `action` with `parameters` (JSON) on the server at `port` by `method` (POST or GET).
    static func call(
        port: Int, method: String = "POST", secretId: String, secretKey: String, action: String, parameters: String
    ) async throws -> Result {
        let python: String
        switch await setup.value {
        case .pypiUnreachable(let log), .failed(let log): throw Failure(description: log)
        case .ready(let path): python = path
        }
        let script = packageRoot.appendingPathComponent("scripts/room_service.py").path
        let result = await run([python, script, "127.0.0.1:\(port)", method, secretId, secretKey, action, parameters])
        guard result.status == 0,
            let object = try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
            let ok = object["ok"] as? Bool
        else { throw Failure(description: "room_service.py \(action) exited \(result.status): \(result.output)\(result.errors)") }
        let response = object["response"] as? [String: Any]
        return Result(
            ok: ok, code: object["code"] as? String,
            requestId: (response?["RequestId"] ?? object["requestId"]) as? String,
            description: result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs a command to its end on a dispatch thread, so that no cooperative thread blocks.
    private static func run(_ command: [String]) async -> (status: Int32, output: String, errors: String) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: runBlocking(command))
            }
        }
    }

    private static func runBlocking(_ command: [String]) -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.currentDirectoryURL = packageRoot
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return (-1, "", "\(command[0]): \(error)")
        }
        // Drain stderr concurrently so that neither pipe can fill up and stall the child.
        let errorText = ErrorText()
        let drained = DispatchGroup()
        drained.enter()
        DispatchQueue.global().async {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            errorText.value.withLockedValue { $0 = text }
            drained.leave()
        }
        let outputText = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        drained.wait()
        return (process.terminationStatus, outputText, errorText.value.withLockedValue { $0 })
    }
}

/// A child's standard error, written by the thread draining it and read once it is done.
private final class ErrorText: Sendable {
    let value = NIOLockedValueBox("")
}
