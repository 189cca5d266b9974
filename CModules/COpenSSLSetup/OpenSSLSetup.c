// OpenSSL registers OPENSSL_cleanup with atexit on its first use. A process that calls exit() while
// engine or server threads still use libcrypto (a STUN check, a DTLS retransmission) then has those
// threads take locks the cleanup already freed: SEGV in RAND_bytes, seen under ThreadSanitizer. The
// first initialization decides, so it is made here, when the program is loaded, before any other
// OpenSSL call: with OPENSSL_INIT_NO_ATEXIT. The memory OpenSSL keeps goes back with the process.
#include "COpenSSLSetup.h"
#include <openssl/crypto.h>
#include <openssl/ssl.h>

static int setup_done = 0;

__attribute__((constructor)) static void copenssl_setup(void) {
    setup_done = OPENSSL_init_ssl(OPENSSL_INIT_NO_ATEXIT, NULL);
}

int copenssl_setup_done(void) { return setup_done; }
