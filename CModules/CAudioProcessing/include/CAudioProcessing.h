// A plain C API over webrtc-audio-processing 0.3 (C++ only). Filled in by the RTCAudio work.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
int cap_placeholder(void);
#ifdef __cplusplus
}
#endif
