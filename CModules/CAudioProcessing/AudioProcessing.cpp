// The C API of CAudioProcessing.h over webrtc::AudioProcessing (webrtc-audio-processing 0.3).
// Uses the float interface: the int16 one needs webrtc::AudioFrame, whose header the Debian
// package ships without its dependency (webrtc/common_video/rotation.h).
#include "CAudioProcessing.h"

#include <webrtc/modules/audio_processing/include/audio_processing.h>

#include <algorithm>
#include <cmath>
#include <new>
#include <vector>

namespace {

const int kMaxChannels = 2;

struct ChannelBuffers {
    std::vector<float> samples[kMaxChannels];
    float *pointers[kMaxChannels] = {nullptr, nullptr};

    void resize(size_t frames) {
        for (int c = 0; c < kMaxChannels; ++c) {
            samples[c].assign(frames, 0.0f);
            pointers[c] = samples[c].data();
        }
    }

    void deinterleave(const int16_t *interleaved, size_t frames, int channels) {
        for (int c = 0; c < channels; ++c) {
            float *out = pointers[c];
            for (size_t i = 0; i < frames; ++i) {
                out[i] = interleaved[i * channels + c] * (1.0f / 32768.0f);
            }
        }
    }

    void interleave(int16_t *interleaved, size_t frames, int channels) const {
        for (int c = 0; c < channels; ++c) {
            const float *in = pointers[c];
            for (size_t i = 0; i < frames; ++i) {
                float scaled = std::nearbyint(in[i] * 32768.0f);
                scaled = std::min(32767.0f, std::max(-32768.0f, scaled));
                interleaved[i * channels + c] = static_cast<int16_t>(scaled);
            }
        }
    }
};

bool valid_rate(int rate) {
    return rate == 8000 || rate == 16000 || rate == 32000 || rate == 48000;
}

webrtc::AudioProcessing::ChannelLayout layout(int channels) {
    return channels == 2 ? webrtc::AudioProcessing::kStereo : webrtc::AudioProcessing::kMono;
}

}  // namespace

struct cap_processor {
    webrtc::AudioProcessing *apm = nullptr;
    int sample_rate_hz = 0;
    int channels = 0;
    size_t frames = 0;
    int delay_ms = 0;
    bool echo_cancellation = false;
    bool voice_detection = false;
    bool noise_suppression = false;
    ChannelBuffers capture;
    ChannelBuffers reverse;

    ~cap_processor() { delete apm; }
};

namespace {

int initialize(cap_processor *p, int rate, int channels) {
    int err = p->apm->Initialize(rate, rate, rate, layout(channels), layout(channels), layout(channels));
    if (err != webrtc::AudioProcessing::kNoError) return err;
    p->sample_rate_hz = rate;
    p->channels = channels;
    p->frames = static_cast<size_t>(rate / 100);
    p->capture.resize(p->frames);
    p->reverse.resize(p->frames);
    return webrtc::AudioProcessing::kNoError;
}

int check(int err, int *first) {
    if (err != webrtc::AudioProcessing::kNoError && *first == webrtc::AudioProcessing::kNoError) *first = err;
    return err;
}

int apply(cap_processor *p, const cap_config *c) {
    using webrtc::AudioProcessing;
    if (!valid_rate(c->sample_rate_hz) || c->channels < 1 || c->channels > kMaxChannels) {
        return AudioProcessing::kBadParameterError;
    }
    int first = AudioProcessing::kNoError;
    if (c->sample_rate_hz != p->sample_rate_hz || c->channels != p->channels) {
        if (check(initialize(p, c->sample_rate_hz, c->channels), &first) != AudioProcessing::kNoError) return first;
    }

    webrtc::EchoCancellation *aec = p->apm->echo_cancellation();
    check(aec->set_suppression_level(static_cast<webrtc::EchoCancellation::SuppressionLevel>(
              std::min(2, std::max(0, c->echo_suppression_level)))), &first);
    check(aec->enable_metrics(true), &first);
    check(aec->enable_delay_logging(true), &first);
    check(aec->Enable(c->echo_cancellation != 0), &first);

    webrtc::NoiseSuppression *ns = p->apm->noise_suppression();
    check(ns->set_level(static_cast<webrtc::NoiseSuppression::Level>(
              std::min(3, std::max(0, c->noise_suppression_level)))), &first);
    check(ns->Enable(c->noise_suppression != 0), &first);

    webrtc::GainControl *agc = p->apm->gain_control();
    check(agc->set_mode(webrtc::GainControl::kAdaptiveDigital), &first);
    check(agc->set_target_level_dbfs(c->gain_target_level_dbfs), &first);
    check(agc->set_compression_gain_db(c->gain_compression_db), &first);
    check(agc->enable_limiter(c->gain_limiter != 0), &first);
    check(agc->Enable(c->gain_control != 0), &first);

    webrtc::VoiceDetection *vad = p->apm->voice_detection();
    check(vad->set_likelihood(static_cast<webrtc::VoiceDetection::Likelihood>(
              std::min(3, std::max(0, c->voice_likelihood)))), &first);
    check(vad->Enable(c->voice_detection != 0), &first);

    check(p->apm->high_pass_filter()->Enable(c->high_pass_filter != 0), &first);

    p->echo_cancellation = c->echo_cancellation != 0;
    p->voice_detection = c->voice_detection != 0;
    p->noise_suppression = c->noise_suppression != 0;
    return first;
}

}  // namespace

extern "C" cap_processor *cap_create(const cap_config *config, int *error) {
    using webrtc::AudioProcessing;
    cap_processor *p = new (std::nothrow) cap_processor();
    if (p == nullptr) {
        *error = AudioProcessing::kCreationFailedError;
        return nullptr;
    }
    webrtc::Config extra;
    extra.Set<webrtc::ExtendedFilter>(new webrtc::ExtendedFilter(true));
    extra.Set<webrtc::DelayAgnostic>(new webrtc::DelayAgnostic(true));
    extra.Set<webrtc::ExperimentalAgc>(new webrtc::ExperimentalAgc(false));
    p->apm = AudioProcessing::Create(extra);
    int err = p->apm == nullptr ? AudioProcessing::kCreationFailedError : apply(p, config);
    if (err != AudioProcessing::kNoError) {
        delete p;
        *error = err;
        return nullptr;
    }
    *error = AudioProcessing::kNoError;
    return p;
}

extern "C" void cap_destroy(cap_processor *processor) { delete processor; }

extern "C" int cap_configure(cap_processor *processor, const cap_config *config) {
    return apply(processor, config);
}

extern "C" int cap_process_capture(cap_processor *p, int16_t *interleaved, size_t samples_per_channel) {
    if (samples_per_channel != p->frames) return webrtc::AudioProcessing::kBadDataLengthError;
    p->capture.deinterleave(interleaved, p->frames, p->channels);
    if (p->echo_cancellation) p->apm->set_stream_delay_ms(p->delay_ms);
    webrtc::StreamConfig stream(p->sample_rate_hz, p->channels);
    int err = p->apm->ProcessStream(p->capture.pointers, stream, stream, p->capture.pointers);
    if (err != webrtc::AudioProcessing::kNoError) return err;
    p->capture.interleave(interleaved, p->frames, p->channels);
    return err;
}

extern "C" int cap_analyze_reverse(cap_processor *p, const int16_t *interleaved, size_t samples_per_channel) {
    if (samples_per_channel != p->frames) return webrtc::AudioProcessing::kBadDataLengthError;
    p->reverse.deinterleave(interleaved, p->frames, p->channels);
    webrtc::StreamConfig stream(p->sample_rate_hz, p->channels);
    return p->apm->ProcessReverseStream(p->reverse.pointers, stream, stream, p->reverse.pointers);
}

extern "C" void cap_set_stream_delay_ms(cap_processor *p, int delay_ms) {
    p->delay_ms = std::min(500, std::max(0, delay_ms));
}

extern "C" int cap_has_voice(const cap_processor *p) {
    return p->voice_detection && p->apm->voice_detection()->stream_has_voice() ? 1 : 0;
}

extern "C" int cap_has_echo(const cap_processor *p) {
    return p->echo_cancellation && p->apm->echo_cancellation()->stream_has_echo() ? 1 : 0;
}

extern "C" float cap_speech_probability(const cap_processor *p) {
    return p->noise_suppression ? p->apm->noise_suppression()->speech_probability() : -1.0f;
}

extern "C" int cap_get_metrics(cap_processor *p, cap_metrics *metrics) {
    *metrics = cap_metrics();
    if (!p->echo_cancellation) return webrtc::AudioProcessing::kNoError;
    webrtc::EchoCancellation *aec = p->apm->echo_cancellation();
    webrtc::EchoCancellation::Metrics m;
    int err = aec->GetMetrics(&m);
    if (err != webrtc::AudioProcessing::kNoError) return err;
    metrics->valid = 1;
    metrics->echo_return_loss = m.echo_return_loss.average;
    metrics->echo_return_loss_enhancement = m.echo_return_loss_enhancement.average;
    metrics->residual_echo_return_loss = m.residual_echo_return_loss.average;
    metrics->a_nlp = m.a_nlp.average;
    err = aec->GetDelayMetrics(&metrics->delay_median_ms, &metrics->delay_std_ms, &metrics->fraction_poor_delays);
    return err;
}
