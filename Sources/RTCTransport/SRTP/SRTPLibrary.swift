import CNSS
import CSRTP

/// libsrtp's process-wide state: `srtp_init()` runs exactly once, on first use, after NSS is set up.
///
/// Debian's libsrtp2 is built on NSS and initializes it on its first cipher with
/// `NSS_INIT_OPTIMIZESPACE`, which leaves NSS's softoken 32 buckets for its sessions and session
/// objects. Every SRTP key holds an NSS session, and every AES-GCM packet opens one more, whose handle
/// NSS checks against its bucket's chain: with thousands of keys (a server with hundreds of members) the
/// walk along those chains was the largest single cost of forwarding (perf: 11 % of the server, 23 % of the
/// load generator at 400 participants). Initialized here first, without that flag, NSS keeps 1,024
/// buckets; libsrtp's own initialization then only adds a reference. The context is kept for the process.
enum SRTPLibrary {
    /// The call that failed and its status, or nil once NSS and libsrtp are set up; Swift runs a global's
    /// initializer once, thread-safely.
    private static let failure: (operation: String, status: Int)? = {
        let flags = UInt32(NSS_INIT_READONLY | NSS_INIT_NOCERTDB | NSS_INIT_NOMODDB | NSS_INIT_FORCEOPEN | NSS_INIT_NOROOTINIT)
        guard NSS_IsInitialized() != 0 || NSS_InitContext("", "", "", "", nil, flags) != nil else {
            return ("NSS_InitContext", Int(PORT_GetError()))
        }
        let status = srtp_init()
        return status == srtp_err_status_ok ? nil : ("srtp_init", Int(status.rawValue))
    }()

    /// Initializes NSS and libsrtp if nothing has yet, and reports whether that worked.
    static func ensureInitialized() throws {
        if let failure {
            throw TransportError.srtpFailure(operation: failure.operation, status: failure.status)
        }
    }
}
