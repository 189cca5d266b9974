// Sets OpenSSL up before main (OpenSSLSetup.c): without the cleanup OpenSSL registers with atexit.
#pragma once

/// 1 once the load-time set-up has run and OpenSSL accepted it, 0 otherwise.
int copenssl_setup_done(void);
