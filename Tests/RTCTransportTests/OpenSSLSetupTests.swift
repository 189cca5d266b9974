import COpenSSLSetup
import Testing
@testable import RTCTransport

/// Regression: an `exit()` while engine threads used libcrypto crashed in `RAND_bytes` (OpenSSL's atexit
/// cleanup had freed its locks). OpenSSL must be set up at load time, without that cleanup.
@Suite("OpenSSL set-up")
struct OpenSSLSetupTests {
    @Test("OpenSSL was initialized at load time with OPENSSL_INIT_NO_ATEXIT, before any other call")
    func initializedWithoutAtexitCleanup() throws {
        #expect(copenssl_setup_done() == 1)
        // OpenSSL still works after it: the set-up replaced nothing but the cleanup.
        #expect(try SecureRandom.bytes(16).count == 16)
    }
}
