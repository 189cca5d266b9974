// libsrtp2 for the benchmarks' reference rows, which call it directly, without RTCTransport's wrapper.
#pragma once
#include <srtp2/srtp.h>
