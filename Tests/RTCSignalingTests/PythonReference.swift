import Foundation

#if canImport(Glibc)
import Glibc
#endif

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

    /// Runs `command` (looked up in PATH) to completion with posix_spawn and waitpid, its output in temporary files.
    ///
    /// Not Foundation's `Process`: its exit detection missed a fast-exiting child here and hung the test run.
    private static func run(_ command: [String]) -> (status: Int32, output: String, errors: String) {
        let directory = FileManager.default.temporaryDirectory
        let outputFile = directory.appendingPathComponent("rtcsignaling-\(UUID().uuidString).out")
        let errorFile = directory.appendingPathComponent("rtcsignaling-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else { return (-1, "", "\(command[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let read = { (file: URL) in (try? String(contentsOf: file, encoding: .utf8)) ?? "" }
        // WIFEXITED / WEXITSTATUS, which Swift does not import: the low 7 bits are the signal, 0 for an exit.
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
        return (exitStatus, read(outputFile), read(errorFile))
    }
}
