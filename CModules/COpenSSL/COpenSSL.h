// OpenSSL 3.0 (libssl + libcrypto). Macros and variadic calls that Swift cannot import are
// wrapped here as static-inline functions (see ../shared/design/native-notes.md).
#pragma once
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/bio.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>

static inline int copenssl_ctx_set_min_proto_version(SSL_CTX *c, int v) { return (int)SSL_CTX_set_min_proto_version(c, v); }
static inline int copenssl_ctx_set_max_proto_version(SSL_CTX *c, int v) { return (int)SSL_CTX_set_max_proto_version(c, v); }
static inline long copenssl_ctx_set_mode(SSL_CTX *c, long m) { return SSL_CTX_set_mode(c, m); }
static inline void copenssl_ctx_set_read_ahead(SSL_CTX *c, int on) { SSL_CTX_set_read_ahead(c, on); }
static inline int copenssl_ctx_set1_groups_list(SSL_CTX *c, const char *l) { return (int)SSL_CTX_set1_groups_list(c, l); }
static inline int copenssl_dtls_get_timeout(SSL *s, struct timeval *tv) { return (int)DTLSv1_get_timeout(s, tv); }
static inline int copenssl_dtls_handle_timeout(SSL *s) { return (int)DTLSv1_handle_timeout(s); }
static inline int copenssl_dtls_set_link_mtu(SSL *s, long mtu) { return (int)DTLS_set_link_mtu(s, mtu); }
static inline int copenssl_set_mtu(SSL *s, long mtu) { return (int)SSL_set_mtu(s, mtu); }
static inline int copenssl_bio_set_mem_eof_return(BIO *b, int v) { return (int)BIO_set_mem_eof_return(b, v); }
static inline EVP_PKEY *copenssl_ec_p256_generate(void) { return EVP_EC_gen("P-256"); }
static inline void copenssl_free(void *p) { OPENSSL_free(p); }

static inline unsigned long copenssl_op_no_query_mtu(void) { return (unsigned long)SSL_OP_NO_QUERY_MTU; }
static inline unsigned long copenssl_op_cookie_exchange(void) { return (unsigned long)SSL_OP_COOKIE_EXCHANGE; }
static inline unsigned long copenssl_op_no_ticket(void) { return (unsigned long)SSL_OP_NO_TICKET; }
