#include "CNativeLoops.h"
#include <srtp2/srtp.h>
#include <opus.h>
#include "CAudioProcessing.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// CPU time of the calling thread: on a shared machine, time spent running other processes does not count.
static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

const unsigned char cnl_srtp_key_and_salt[30] = {
    0xe1, 0xf9, 0x7a, 0x0d, 0x3e, 0x01, 0x8b, 0xe0, 0xd6, 0x4f, 0xa3, 0x2c, 0x06, 0xde, 0x41, 0x39,
    0x0e, 0xc6, 0x75, 0xad, 0x49, 0x8a, 0xfe, 0xeb, 0xb6, 0x96, 0x0b, 0x3a, 0xab, 0xe6};

static srtp_err_status_t make_session(srtp_t *session, int gcm, int inbound) {
    // srtp_init() once. Its status is not checked: a second srtp_init() in the process (the Swift
    // side's SRTPContext initializes libsrtp too) fails with bad_param while loading its debug module
    // again, and a library that really is unusable makes srtp_create fail below.
    static int initialized = 0;
    if (!initialized) {
        srtp_init();
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
    policy.key = (unsigned char *)cnl_srtp_key_and_salt;
    policy.window_size = 1024;
    return srtp_create(session, &policy);
}

void cnl_fill_rtp(unsigned char *p, int len, uint16_t seq) {
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
    cnl_fill_rtp(plain, packet_len, 0);
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
        cnl_fill_rtp(packets + (size_t)i * stride, packet_len, (uint16_t)i);
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

int cnl_srtp_protect_once(int gcm, int packet_len, uint16_t seq, unsigned char *out) {
    srtp_t session;
    srtp_err_status_t st = make_session(&session, gcm, 0);
    if (st != srtp_err_status_ok) return -(int)st;
    cnl_fill_rtp(out, packet_len, seq);
    int len = packet_len;
    st = srtp_protect(session, out, &len);
    srtp_dealloc(session);
    return st == srtp_err_status_ok ? len : -(int)st;
}

void cnl_fill_sine(int16_t *pcm, int frames, int channels, int rate) {
    for (int i = 0; i < frames; i++)
        for (int c = 0; c < channels; c++)
            pcm[i * channels + c] = (int16_t)(8000.0 * sin(2.0 * M_PI * 1000.0 * i / rate));
}

static OpusEncoder *make_encoder(const cnl_opus_settings *s, int *err) {
    OpusEncoder *enc = opus_encoder_create(s->sample_rate, s->channels, OPUS_APPLICATION_VOIP, err);
    if (*err != OPUS_OK) return NULL;
    if ((*err = opus_encoder_ctl(enc, OPUS_SET_BITRATE(s->bitrate))) == OPUS_OK &&
        (*err = opus_encoder_ctl(enc, OPUS_SET_COMPLEXITY(s->complexity))) == OPUS_OK &&
        (*err = opus_encoder_ctl(enc, OPUS_SET_INBAND_FEC(s->inband_fec))) == OPUS_OK &&
        (*err = opus_encoder_ctl(enc, OPUS_SET_PACKET_LOSS_PERC(s->packet_loss_percent))) == OPUS_OK &&
        (*err = opus_encoder_ctl(enc, OPUS_SET_DTX(s->dtx))) == OPUS_OK)
        return enc;
    opus_encoder_destroy(enc);
    return NULL;
}

double cnl_opus_encode_ns(const cnl_opus_settings *s, int iterations) {
    int err = 0;
    OpusEncoder *enc = make_encoder(s, &err);
    if (enc == NULL) return err;
    int frame = s->sample_rate / 1000 * s->frame_ms;
    opus_int16 *pcm = malloc(sizeof(opus_int16) * (size_t)(frame * s->channels));
    cnl_fill_sine(pcm, frame, s->channels, s->sample_rate);
    unsigned char out[4000];
    for (int i = 0; i < CNL_WARMUP_OPERATIONS && err == 0; i++) {
        int n = opus_encode(enc, pcm, frame, out, (opus_int32)sizeof(out));
        if (n < 0) err = n;
    }
    double start = now_ns();
    for (int i = 0; i < iterations && err == 0; i++) {
        int n = opus_encode(enc, pcm, frame, out, (opus_int32)sizeof(out));
        if (n < 0) { err = n; break; }
    }
    double elapsed = now_ns() - start;
    free(pcm);
    opus_encoder_destroy(enc);
    return err < 0 ? err : elapsed / iterations;
}

double cnl_opus_decode_ns(const cnl_opus_settings *s, int iterations) {
    int err = 0;
    OpusEncoder *enc = make_encoder(s, &err);
    if (enc == NULL) return err;
    OpusDecoder *dec = opus_decoder_create(s->sample_rate, s->channels, &err);
    if (err != OPUS_OK) { opus_encoder_destroy(enc); return err; }
    int frame = s->sample_rate / 1000 * s->frame_ms;
    opus_int16 *pcm = malloc(sizeof(opus_int16) * (size_t)(frame * s->channels));
    cnl_fill_sine(pcm, frame, s->channels, s->sample_rate);
    unsigned char packet[4000];
    int packet_len = opus_encode(enc, pcm, frame, packet, (opus_int32)sizeof(packet));
    for (int i = 0; i < CNL_WARMUP_OPERATIONS && packet_len > 0 && err == 0; i++) {
        int n = opus_decode(dec, packet, packet_len, pcm, frame, 0);
        if (n < 0) err = n;
    }
    double start = now_ns();
    for (int i = 0; i < iterations && packet_len > 0 && err == 0; i++) {
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

int cnl_opus_encode_once(const cnl_opus_settings *s, unsigned char *out, int capacity) {
    int err = 0;
    OpusEncoder *enc = make_encoder(s, &err);
    if (enc == NULL) return err;
    int frame = s->sample_rate / 1000 * s->frame_ms;
    opus_int16 *pcm = malloc(sizeof(opus_int16) * (size_t)(frame * s->channels));
    cnl_fill_sine(pcm, frame, s->channels, s->sample_rate);
    int n = opus_encode(enc, pcm, frame, out, capacity);
    free(pcm);
    opus_encoder_destroy(enc);
    return n;
}

static int16_t clamp16(double v) {
    return (int16_t)(v > 32767.0 ? 32767.0 : v < -32768.0 ? -32768.0 : v);
}

void cnl_fill_apm_signals(int16_t *far_end, int16_t *near_end, int channels, int rate) {
    int samples = rate / 100 * CNL_APM_SIGNAL_FRAMES;
    int delay = rate / 1000 * 40;
    double *far = malloc(sizeof(double) * (size_t)samples);
    uint32_t lcg = 12345;
    for (int i = 0; i < samples; i++) {
        double t = (double)i / rate;
        double syllables = 0.5 * (1.0 + sin(2.0 * M_PI * 3.0 * t));
        lcg = lcg * 1664525u + 1013904223u;
        double noise = ((double)(lcg >> 16) / 65535.0 - 0.5) * 1000.0;
        far[i] = syllables * (6000.0 * sin(2.0 * M_PI * 220.0 * t) + 3000.0 * sin(2.0 * M_PI * 660.0 * t)) + noise;
    }
    for (int i = 0; i < samples; i++) {
        double t = (double)i / rate;
        double talker = 0.5 * (1.0 + sin(2.0 * M_PI * 2.0 * t + 1.0)) * 2000.0 * sin(2.0 * M_PI * 330.0 * t);
        lcg = lcg * 1664525u + 1013904223u;
        double noise = ((double)(lcg >> 16) / 65535.0 - 0.5) * 400.0;
        double echo = i >= delay ? 0.316 * far[i - delay] : 0.0;
        for (int c = 0; c < channels; c++) {
            far_end[i * channels + c] = clamp16(far[i]);
            near_end[i * channels + c] = clamp16(echo + talker + noise);
        }
    }
    free(far);
}

static cap_processor *make_processor(const cnl_apm_settings *s, int *err) {
    cap_config config = {
        .sample_rate_hz = s->sample_rate_hz,
        .channels = s->channels,
        .echo_cancellation = 1,
        .echo_suppression_level = s->echo_suppression_level,
        .noise_suppression = 1,
        .noise_suppression_level = s->noise_suppression_level,
        .gain_control = 1,
        .gain_target_level_dbfs = s->gain_target_level_dbfs,
        .gain_compression_db = s->gain_compression_db,
        .gain_limiter = s->gain_limiter,
        .voice_detection = 1,
        .voice_likelihood = s->voice_likelihood,
        .high_pass_filter = 1,
    };
    cap_processor *processor = cap_create(&config, err);
    if (processor == NULL) {
        if (*err >= 0) *err = -1;
        return NULL;
    }
    cap_set_stream_delay_ms(processor, s->stream_delay_ms);
    return processor;
}

// Frame i of the APM loops: far-end frame i through the analysis, near-end frame i copied into `work`
// and processed there (both modulo the signal length).
static int apm_frame(cap_processor *processor, const int16_t *far, const int16_t *near, int16_t *work,
                     size_t per_channel, size_t frame, int i) {
    size_t offset = (size_t)(i % CNL_APM_SIGNAL_FRAMES) * frame;
    int err = cap_analyze_reverse(processor, far + offset, per_channel);
    if (err != 0) return err;
    memcpy(work, near + offset, sizeof(int16_t) * frame);
    return cap_process_capture(processor, work, per_channel);
}

double cnl_apm_process_ns(const cnl_apm_settings *s, int iterations) {
    int err = 0;
    cap_processor *processor = make_processor(s, &err);
    if (processor == NULL) return err;
    size_t per_channel = (size_t)(s->sample_rate_hz / 100);
    size_t frame = per_channel * (size_t)s->channels;
    int16_t *far = malloc(sizeof(int16_t) * frame * CNL_APM_SIGNAL_FRAMES);
    int16_t *near = malloc(sizeof(int16_t) * frame * CNL_APM_SIGNAL_FRAMES);
    int16_t *work = malloc(sizeof(int16_t) * frame);
    cnl_fill_apm_signals(far, near, s->channels, s->sample_rate_hz);
    for (int i = 0; i < CNL_WARMUP_OPERATIONS && err == 0; i++)
        err = apm_frame(processor, far, near, work, per_channel, frame, i);
    double start = now_ns();
    for (int i = CNL_WARMUP_OPERATIONS; i < CNL_WARMUP_OPERATIONS + iterations && err == 0; i++)
        err = apm_frame(processor, far, near, work, per_channel, frame, i);
    double elapsed = now_ns() - start;
    free(far); free(near); free(work);
    cap_destroy(processor);
    return err != 0 ? (err < 0 ? err : -err) : elapsed / iterations;
}

int cnl_apm_process_once(const cnl_apm_settings *s, int frames, int16_t *near_out) {
    int err = 0;
    cap_processor *processor = make_processor(s, &err);
    if (processor == NULL) return err;
    size_t per_channel = (size_t)(s->sample_rate_hz / 100);
    size_t frame = per_channel * (size_t)s->channels;
    int16_t *far = malloc(sizeof(int16_t) * frame * CNL_APM_SIGNAL_FRAMES);
    int16_t *near = malloc(sizeof(int16_t) * frame * CNL_APM_SIGNAL_FRAMES);
    cnl_fill_apm_signals(far, near, s->channels, s->sample_rate_hz);
    for (int i = 0; i < frames && err == 0; i++)
        err = apm_frame(processor, far, near, near_out + (size_t)i * frame, per_channel, frame, i);
    free(far); free(near);
    cap_destroy(processor);
    return err;
}
