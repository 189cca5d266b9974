#include "CNativeLoops.h"
#include <srtp2/srtp.h>
#include <opus.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static const unsigned char kKey[30] = {
    0xe1, 0xf9, 0x7a, 0x0d, 0x3e, 0x01, 0x8b, 0xe0, 0xd6, 0x4f, 0xa3, 0x2c, 0x06, 0xde, 0x41, 0x39,
    0x0e, 0xc6, 0x75, 0xad, 0x49, 0x8a, 0xfe, 0xeb, 0xb6, 0x96, 0x0b, 0x3a, 0xab, 0xe6};

static srtp_err_status_t make_session(srtp_t *session, int gcm, int inbound) {
    static int initialized = 0;
    if (!initialized) {
        srtp_err_status_t st = srtp_init();
        if (st != srtp_err_status_ok) return st;
        initialized = 1;
    }
    srtp_policy_t policy;
    memset(&policy, 0, sizeof(policy));
    if (gcm) {
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
    } else {
        srtp_crypto_policy_set_rtp_default(&policy.rtp);
        srtp_crypto_policy_set_rtcp_default(&policy.rtcp);
    }
    policy.ssrc.type = inbound ? ssrc_any_inbound : ssrc_any_outbound;
    policy.key = (unsigned char *)kKey;
    policy.window_size = 1024;
    return srtp_create(session, &policy);
}

static void make_rtp(unsigned char *p, int len, uint16_t seq) {
    memset(p, 0xab, (size_t)len);
    p[0] = 0x80; p[1] = 111;
    p[2] = (unsigned char)(seq >> 8); p[3] = (unsigned char)seq;
    p[4] = 0; p[5] = 0; p[6] = 0x03; p[7] = 0xc0;
    p[8] = 0x12; p[9] = 0x34; p[10] = 0x56; p[11] = 0x78;
}

double cnl_srtp_protect_ns(int gcm, int packet_len, int iterations) {
    srtp_t session;
    srtp_err_status_t st = make_session(&session, gcm, 0);
    if (st != srtp_err_status_ok) return -(double)st;
    unsigned char plain[1500], work[1500 + SRTP_MAX_TRAILER_LEN];
    make_rtp(plain, packet_len, 0);
    double start = now_ns();
    for (int i = 0; i < iterations; i++) {
        memcpy(work, plain, (size_t)packet_len);
        work[2] = (unsigned char)(i >> 8); work[3] = (unsigned char)i;
        int len = packet_len;
        st = srtp_protect(session, work, &len);
        if (st != srtp_err_status_ok) { srtp_dealloc(session); return -(double)st; }
    }
    double elapsed = now_ns() - start;
    srtp_dealloc(session);
    return elapsed / iterations;
}

double cnl_srtp_unprotect_ns(int gcm, int packet_len, int iterations) {
    srtp_t tx, rx;
    srtp_err_status_t st = make_session(&tx, gcm, 0);
    if (st != srtp_err_status_ok) return -(double)st;
    st = make_session(&rx, gcm, 1);
    if (st != srtp_err_status_ok) { srtp_dealloc(tx); return -(double)st; }
    int stride = packet_len + SRTP_MAX_TRAILER_LEN;
    unsigned char *packets = malloc((size_t)stride * (size_t)iterations);
    int *lengths = malloc(sizeof(int) * (size_t)iterations);
    for (int i = 0; i < iterations; i++) {
        make_rtp(packets + (size_t)i * stride, packet_len, (uint16_t)i);
        lengths[i] = packet_len;
        srtp_protect(tx, packets + (size_t)i * stride, &lengths[i]);
    }
    unsigned char work[1500 + SRTP_MAX_TRAILER_LEN];
    double start = now_ns();
    for (int i = 0; i < iterations; i++) {
        memcpy(work, packets + (size_t)i * stride, (size_t)lengths[i]);
        int len = lengths[i];
        st = srtp_unprotect(rx, work, &len);
        if (st != srtp_err_status_ok) break;
    }
    double elapsed = now_ns() - start;
    free(packets); free(lengths);
    srtp_dealloc(tx); srtp_dealloc(rx);
    return st == srtp_err_status_ok ? elapsed / iterations : -(double)st;
}

static void make_sine(opus_int16 *pcm, int frames, int channels, int rate) {
    for (int i = 0; i < frames; i++)
        for (int c = 0; c < channels; c++)
            pcm[i * channels + c] = (opus_int16)(8000.0 * sin(2.0 * M_PI * 1000.0 * i / rate));
}

double cnl_opus_encode_ns(int sample_rate, int channels, int frame_ms, int bitrate, int iterations) {
    int err = 0;
    OpusEncoder *enc = opus_encoder_create(sample_rate, channels, OPUS_APPLICATION_VOIP, &err);
    if (err != OPUS_OK) return err;
    opus_encoder_ctl(enc, OPUS_SET_BITRATE(bitrate));
    int frame = sample_rate / 1000 * frame_ms;
    opus_int16 *pcm = malloc(sizeof(opus_int16) * (size_t)(frame * channels));
    make_sine(pcm, frame, channels, sample_rate);
    unsigned char out[4000];
    double start = now_ns();
    for (int i = 0; i < iterations; i++) {
        int n = opus_encode(enc, pcm, frame, out, (opus_int32)sizeof(out));
        if (n < 0) { err = n; break; }
    }
    double elapsed = now_ns() - start;
    free(pcm);
    opus_encoder_destroy(enc);
    return err < 0 ? err : elapsed / iterations;
}

double cnl_opus_decode_ns(int sample_rate, int channels, int frame_ms, int bitrate, int iterations) {
    int err = 0;
    OpusEncoder *enc = opus_encoder_create(sample_rate, channels, OPUS_APPLICATION_VOIP, &err);
    if (err != OPUS_OK) return err;
    OpusDecoder *dec = opus_decoder_create(sample_rate, channels, &err);
    if (err != OPUS_OK) { opus_encoder_destroy(enc); return err; }
    opus_encoder_ctl(enc, OPUS_SET_BITRATE(bitrate));
    int frame = sample_rate / 1000 * frame_ms;
    opus_int16 *pcm = malloc(sizeof(opus_int16) * (size_t)(frame * channels));
    make_sine(pcm, frame, channels, sample_rate);
    unsigned char packet[4000];
    int packet_len = opus_encode(enc, pcm, frame, packet, (opus_int32)sizeof(packet));
    double start = now_ns();
    for (int i = 0; i < iterations && packet_len > 0; i++) {
        int n = opus_decode(dec, packet, packet_len, pcm, frame, 0);
        if (n < 0) { err = n; break; }
    }
    double elapsed = now_ns() - start;
    free(pcm);
    opus_encoder_destroy(enc);
    opus_decoder_destroy(dec);
    if (packet_len < 0) return packet_len;
    return err < 0 ? err : elapsed / iterations;
}
