// zlib: crc32 for STUN FINGERPRINT, inflate/deflate for UserSig.
#pragma once
#include <zlib.h>
