// The media core's native calls in tight C loops: the reference column of rtc-bench.
// Each function runs `iterations` operations the way the Swift wrapper's benchmark does
// (same buffers, same copies) and returns nanoseconds per operation, or a negative value
// when the library refused (the negated library status).
#pragma once

/// SRTP protect of an RTP packet of `packet_len` bytes (12-byte header + payload); `gcm` selects
/// AEAD_AES_128_GCM, else AES_CM_128_HMAC_SHA1_80. Each iteration copies the plaintext into a
/// work buffer, sets a new sequence number and protects in place.
double cnl_srtp_protect_ns(int gcm, int packet_len, int iterations);

/// SRTP unprotect: packets protected beforehand with increasing sequence numbers are each
/// copied into a work buffer and unprotected in place (the timed part).
double cnl_srtp_unprotect_ns(int gcm, int packet_len, int iterations);

/// Opus encode of one frame of a 1 kHz sine (PCM16) at the given rate, channels and frame length.
double cnl_opus_encode_ns(int sample_rate, int channels, int frame_ms, int bitrate, int iterations);

/// Opus decode of packets encoded beforehand from the same sine.
double cnl_opus_decode_ns(int sample_rate, int channels, int frame_ms, int bitrate, int iterations);
