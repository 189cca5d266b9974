// NSS (Debian 12: 3.87), the crypto library Debian's libsrtp2 is built on. Only its initialization is
// called from Swift (SRTPLibrary): before libsrtp's own, so that NSS keeps its large session tables.
#pragma once
#include <nss.h>
#include <secport.h>
