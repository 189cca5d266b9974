import Foundation

/// Tencent's own Python implementations (`tls-sig-api-v2`, `tencentcloud-sdk-python-trtc`), installed into
/// `.build/pyenv` by `scripts/pyenv.sh` once per test process and driven through `scripts/tencent_reference.py`.
enum PythonReference {
    /// Why the reference could not be set up.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    private enum Setup {
        case ready(python: String)
        case pypiUnreachable(String)
        case failed(String)
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Set up once; every test waits for the same result.
    private static let setup: Setup = {
        let install = run(["bash", packageRoot.appendingPathComponent("scripts/pyenv.sh").path])
        let python = install.output.split(separator: "\n").last.map(String.init) ?? ""
        if install.status == 0, FileManager.default.isExecutableFile(atPath: python) { return .ready(python: python) }
        let probe = run([
            "python3", "-c", "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/pip/', timeout=20)",
        ])
        let log = "scripts/pyenv.sh exited \(install.status): \(install.output)\(install.errors)"
        return probe.status == 0 ? .failed(log) : .pypiUnreachable(log)
    }()

    /// False only when PyPI cannot be reached, so the packages cannot be installed (the tests then skip).
    static var pypiReachable: Bool {
        if case .pypiUnreachable = setup { false } else { true }
    }

    /// Runs `scripts/tencent_reference.py` with `arguments` and returns its standard output, trimmed.
    static func call(_ arguments: [String]) throws -> String {
        switch setup {
        case .pypiUnreachable(let log), .failed(let log): throw Unavailable(description: log)
        case .ready(let python):
            let script = packageRoot.appendingPathComponent("scripts/tencent_reference.py").path
            let result = run([python, script] + arguments)
            guard result.status == 0 else {
                throw Unavailable(description: "tencent_reference.py \(arguments) failed: \(result.errors)")
            }
            return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Runs `call` and parses its output as a JSON object.
    static func callJSON(_ arguments: [String]) throws -> [String: Any] {
        let output = try call(arguments)
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw Unavailable(description: "not a JSON object: \(output)")
        }
        return object
    }

    private static func run(_ command: [String]) -> (status: Int32, output: String, errors: String) {
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
        let errorText = LockedText()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorText.set(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            drained.signal()
        }
        let outputText = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        drained.wait()
        return (process.terminationStatus, outputText, errorText.get())
    }
}

/// A string written by one thread and read by another; `lock` guards `text`.
private final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func set(_ value: String) { lock.withLock { text = value } }
    func get() -> String { lock.withLock { text } }
}
