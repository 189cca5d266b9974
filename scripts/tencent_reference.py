#!/usr/bin/env python3
"""Tencent's own implementations, driven by the RTCSignaling tests (run it with scripts/pyenv.sh's python).

  gen-sig SDKAPPID KEY USERID EXPIRE NOW [USERBUF_HEX]
      prints a UserSig made by the `tls-sig-api-v2` package, as if the clock read NOW.
  verify-sig SDKAPPID KEY USERID SIG
      checks a UserSig with the package's own decoder and HMAC; prints a JSON verdict.
  tc3-sign METHOD SECRET_ID SECRET_KEY HOST REGION ACTION TIMESTAMP PARAMS_JSON
      builds a TRTC 2019-07-22 request with `tencentcloud-sdk-python-trtc`, as if the clock read
      TIMESTAMP, and prints its headers and body (POST) or query string (GET) as JSON.
"""
import json
import sys
import time
import zlib


def freeze_clock(now):
    time.time = lambda: float(now)


def gen_sig(sdkappid, key, userid, expire, now, userbuf_hex=None):
    import TLSSigAPIv2
    freeze_clock(int(now))
    api = TLSSigAPIv2.TLSSigAPIv2(int(sdkappid), key)
    if userbuf_hex is None:
        print(api.gen_sig(userid, int(expire)))
    else:
        print(api.gen_sig_with_userbuf(userid, int(expire), bytes.fromhex(userbuf_hex)))


def verify_sig(sdkappid, key, userid, sig):
    import TLSSigAPIv2
    fields = json.loads(zlib.decompress(TLSSigAPIv2.base64_decode_url(sig.encode())))
    api = TLSSigAPIv2.TLSSigAPIv2(int(sdkappid), key)
    expected = api._TLSSigAPIv2__hmacsha256(
        fields["TLS.identifier"], fields["TLS.time"], fields["TLS.expire"], fields.get("TLS.userbuf")
    ).decode()
    print(json.dumps({
        "identifier": fields["TLS.identifier"] == userid,
        "sdkappid": fields["TLS.sdkappid"] == int(sdkappid),
        "signature": fields["TLS.sig"] == expected,
        "fields": fields,
    }))


def tc3_sign(method, secret_id, secret_key, host, region, action, timestamp, params_json):
    from tencentcloud.common import credential
    from tencentcloud.common.http.request import RequestInternal
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.trtc.v20190722 import trtc_client

    freeze_clock(int(timestamp))
    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=host, reqMethod=method))
    client = trtc_client.TrtcClient(credential.Credential(secret_id, secret_key), region, profile)
    request = RequestInternal(host, method, "/")
    client._build_req_inter(action, json.loads(params_json), request)
    print(json.dumps({"headers": request.header, "data": request.data}))


COMMANDS = {"gen-sig": gen_sig, "verify-sig": verify_sig, "tc3-sign": tc3_sign}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](*sys.argv[2:])
