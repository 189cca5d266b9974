// libspeexdsp: the resampler that converts custom capture and callback formats.
#pragma once
#include <speex/speex_resampler.h>
