import CSRTP
import COpenSSL
import CZlib
