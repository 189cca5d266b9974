import CSRTP

/// libsrtp's process-wide state: `srtp_init()` runs exactly once, on first use.
enum SRTPLibrary {
    /// The status `srtp_init()` returned; Swift runs a global's initializer once, thread-safely.
    private static let initStatus: UInt32 = srtp_init().rawValue

    /// Initializes libsrtp if nothing has yet, and reports whether that worked.
    static func ensureInitialized() throws {
        guard initStatus == srtp_err_status_ok.rawValue else {
            throw TransportError.srtpFailure(operation: "srtp_init", status: Int(initStatus))
        }
    }
}
