/// Why a benchmark row could not be measured.
enum BenchError: Error, CustomStringConvertible {
    /// A C loop returned a negative value: the library refused (negated libsrtp status, Opus or APM code).
    case nativeLoopFailed(operation: String, code: Double)
    /// The Swift side produced something other than what the C side does.
    case mismatch(operation: String, detail: String)
    /// A system benchmark could not run: a join refused, a handshake timed out, a child process failed.
    case systemFailure(step: String, reason: String)

    var description: String {
        switch self {
        case .nativeLoopFailed(let operation, let code): "C loop for \(operation) failed with code \(Int(code))"
        case .mismatch(let operation, let detail): "\(operation): \(detail)"
        case .systemFailure(let step, let reason): "\(step): \(reason)"
        }
    }
}
