import RTCTestSupport

extension ChildProcess {
    /// Starts the built `rtc-client` with `arguments`.
    static func rtcClient(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(executable: try BuiltBinary.path("rtc-client"), arguments: arguments)
    }
}
