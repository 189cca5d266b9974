// A plain C API over webrtc-audio-processing 0.3 (whose interface is C++ only).
// One cap_processor owns one webrtc::AudioProcessing instance. Frames are 10 ms of
// interleaved PCM16 at the configured rate and channel count.
#pragma once
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cap_processor cap_processor;

/// Component switches and settings; every field is applied by cap_create and cap_configure.
typedef struct cap_config {
    int sample_rate_hz;           // 8000, 16000, 32000 or 48000
    int channels;                 // 1 or 2
    int echo_cancellation;        // AEC (not AECM), extended filter + delay-agnostic
    int echo_suppression_level;   // 0 low, 1 moderate, 2 high
    int noise_suppression;
    int noise_suppression_level;  // 0 low, 1 moderate, 2 high, 3 very high
    int gain_control;             // adaptive digital AGC
    int gain_target_level_dbfs;   // 0...31: target peak level, dB below full scale
    int gain_compression_db;      // 0...90
    int gain_limiter;
    int voice_detection;
    int voice_likelihood;         // 0 very low, 1 low, 2 moderate, 3 high
    int high_pass_filter;
} cap_config;

/// Echo canceller statistics in dB (see EchoCancellation::Metrics) and delay estimates in ms.
typedef struct cap_metrics {
    int valid;                    // 0 until the echo canceller has produced metrics
    int echo_return_loss;
    int echo_return_loss_enhancement;
    int residual_echo_return_loss;
    int a_nlp;
    int delay_median_ms;
    int delay_std_ms;
    float fraction_poor_delays;
} cap_metrics;

/// Creates and initializes a processor; returns NULL and sets *error (an APM error code) on failure.
cap_processor *cap_create(const cap_config *config, int *error);
void cap_destroy(cap_processor *processor);
/// Re-applies every setting; reinitializes when the rate or channel count changes. Returns an APM error code.
int cap_configure(cap_processor *processor, const cap_config *config);
/// Processes one 10 ms near-end frame in place. Returns an APM error code (0 = ok).
int cap_process_capture(cap_processor *processor, int16_t *interleaved, size_t samples_per_channel);
/// Feeds one 10 ms far-end (played-out) frame, the echo reference. Returns an APM error code.
int cap_analyze_reverse(cap_processor *processor, const int16_t *interleaved, size_t samples_per_channel);
/// Sets the delay reported to the echo canceller before each capture frame (0...500 ms).
void cap_set_stream_delay_ms(cap_processor *processor, int delay_ms);
/// 1 when the last processed capture frame held voice (VAD on), else 0.
int cap_has_voice(const cap_processor *processor);
/// 1 when the last processed capture frame might contain echo (AEC on), else 0.
int cap_has_echo(const cap_processor *processor);
/// The noise suppressor's speech probability for the last frame (0...1), or -1 when NS is off.
float cap_speech_probability(const cap_processor *processor);
/// Fills *metrics. Returns an APM error code.
int cap_get_metrics(cap_processor *processor, cap_metrics *metrics);

#ifdef __cplusplus
}
#endif
