import CNativeLoops
print(cnl_srtp_protect_ns(1, 172, 100000), cnl_srtp_protect_ns(0, 172, 100000), cnl_srtp_unprotect_ns(1, 172, 100000), cnl_opus_encode_ns(48000, 1, 20, 50000, 500), cnl_opus_decode_ns(48000,1,20,50000,2000))
