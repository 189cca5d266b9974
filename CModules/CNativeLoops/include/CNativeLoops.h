// The media core's native calls in tight C loops: the reference column of rtc-bench.
// Each function runs `iterations` operations the way the Swift wrapper's benchmark does
// (same buffers, same copies) and returns nanoseconds per operation, timed as CPU time of the
// calling thread (CLOCK_THREAD_CPUTIME_ID: other processes on a shared machine do not count), or a negative value
// when the library refused (the negated libsrtp status, the Opus or APM error code).
// The fill functions give the Swift side the very same input bytes.
#pragma once
#include <stdint.h>

/// The 30 bytes every SRTP loop keys its sessions with: the 16-byte master key, then the
/// master salt (the first 12 bytes of the rest for AEAD_AES_128_GCM, all 14 for AES-CM).
extern const unsigned char cnl_srtp_key_and_salt[30];

/// Writes the RTP packet the SRTP loops use: `len` bytes (12-byte header + payload of 0xab),
/// version 2, payload type 111, sequence number `seq`, timestamp 960, SSRC 0x12345678.
void cnl_fill_rtp(unsigned char *packet, int len, uint16_t seq);

/// SRTP protect of an RTP packet of `packet_len` bytes (12-byte header + payload); `gcm` selects
/// AEAD_AES_128_GCM, else AES_CM_128_HMAC_SHA1_80. Each iteration copies the plaintext into a
/// work buffer, sets a new sequence number and protects in place.
double cnl_srtp_protect_ns(int gcm, int packet_len, int iterations);

/// SRTP unprotect: packets protected beforehand with increasing sequence numbers are each
/// copied into a work buffer and unprotected in place (the timed part).
double cnl_srtp_unprotect_ns(int gcm, int packet_len, int iterations);

/// Every Opus encoder setting the loops apply, each set explicitly (application: VOIP).
typedef struct cnl_opus_settings {
    int sample_rate;
    int channels;
    int frame_ms;
    int bitrate;
    int complexity;
    int inband_fec;
    int packet_loss_percent;
    int dtx;
} cnl_opus_settings;

/// Writes `frames` frames of a 1 kHz sine (amplitude 8000) as interleaved PCM16: the Opus loops' input.
void cnl_fill_sine(int16_t *pcm, int frames, int channels, int sample_rate);

/// Untimed operations before the Opus and APM loops start the clock: a new encoder's first frames cost
/// far more than its steady state (≈ 400 µs against ≈ 260 µs per 20 ms frame over 25 frames here).
#define CNL_WARMUP_OPERATIONS 100

/// Opus encode of one frame of the sine into a 4000-byte packet buffer, the same frame each time.
double cnl_opus_encode_ns(const cnl_opus_settings *settings, int iterations);

/// Opus decode, into a one-frame PCM buffer, of the packet the first encode of the sine gave.
double cnl_opus_decode_ns(const cnl_opus_settings *settings, int iterations);

/// The APM loop's settings: every component on (AEC, NS, adaptive digital AGC, VAD, high-pass filter).
typedef struct cnl_apm_settings {
    int sample_rate_hz;
    int channels;
    int echo_suppression_level;
    int noise_suppression_level;
    int gain_target_level_dbfs;
    int gain_compression_db;
    int gain_limiter;
    int voice_likelihood;
    int stream_delay_ms;
} cnl_apm_settings;

/// 10 ms frames in the APM loops' signals (2 s); iteration i uses frame i modulo this.
#define CNL_APM_SIGNAL_FRAMES 200

/// Writes the APM loops' signals, `CNL_APM_SIGNAL_FRAMES` frames of interleaved PCM16 each: the far
/// end (speech-like tones and noise) and the near end (its echo 40 ms later at -10 dB plus a local talker).
void cnl_fill_apm_signals(int16_t *far_end, int16_t *near_end, int channels, int sample_rate);

/// One 10 ms APM frame: the far-end frame through cap_analyze_reverse, then the near-end frame copied
/// into a work buffer and processed in place by cap_process_capture. The stream delay is set once before;
/// frames 0..<CNL_WARMUP_OPERATIONS run untimed, then `iterations` frames from there are timed.
double cnl_apm_process_ns(const cnl_apm_settings *settings, int iterations);

/// The output the loops compute, for checking that the Swift side does the same work: the protected
/// packet of sequence number `seq` (returns its length, or a negative status like the loops)...
int cnl_srtp_protect_once(int gcm, int packet_len, uint16_t seq, unsigned char *out);

/// ...the packet the first encode of the sine gives (returns its length or the Opus error code)...
int cnl_opus_encode_once(const cnl_opus_settings *settings, unsigned char *out, int capacity);

/// ...and the processed near-end frames of the first `frames` iterations of the APM loop, written to
/// `near_out` one after another (returns 0 or the APM error code).
int cnl_apm_process_once(const cnl_apm_settings *settings, int frames, int16_t *near_out);
