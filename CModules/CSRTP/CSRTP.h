// libsrtp2 (Debian 12: 2.5.0, built on NSS). Nothing here needs a shim yet:
// srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80 is a macro, call srtp_crypto_policy_set_rtp_default.
#pragma once
#include <srtp2/srtp.h>
