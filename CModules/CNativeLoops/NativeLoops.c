#include "CNativeLoops.h"
#include <srtp2/srtp.h>
#include <opus.h>
int cnl_placeholder(void) { return 0; }
