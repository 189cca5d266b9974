// Intentionally empty and C-safe: this module exists so that SwiftPM forwards
// webrtc-audio-processing's pkg-config -I and -l flags to the CAudioProcessing C++ target.
#pragma once
