#!/usr/bin/env python3
"""Calls a room-management action on an rtc-server through Tencent's official TRTC SDK
(`tencentcloud-sdk-python-trtc`), as an app's backend would (rest-api.md). Run it with
scripts/pyenv.sh's python; the RTCServer tests drive it.

  room_service.py ENDPOINT METHOD SECRET_ID SECRET_KEY ACTION PARAMS_JSON
      ENDPOINT     host:port of the server's HTTP port, e.g. 127.0.0.1:7880 (plain http)
      METHOD       POST or GET (HttpProfile.reqMethod)
      ACTION       DismissRoom, DismissRoomByStrRoomId, RemoveUser or RemoveUserByStrRoomId
      PARAMS_JSON  the action's parameters, e.g. {"SdkAppId": 1400000001, "RoomId": 1234}

Prints one JSON object: {"ok": true, "response": {...}} with the SDK's deserialized response,
or {"ok": false, "code": ..., "message": ..., "requestId": ...} for a TencentCloudSDKException.
"""
import json
import sys


def call(endpoint, method, secret_id, secret_key, action, params_json):
    from tencentcloud.common import credential
    from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.trtc.v20190722 import models, trtc_client

    http = HttpProfile(protocol="http", endpoint=endpoint, reqMethod=method, reqTimeout=30)
    client = trtc_client.TrtcClient(
        credential.Credential(secret_id, secret_key), "ap-guangzhou", ClientProfile(httpProfile=http))
    request = getattr(models, action + "Request")()
    request.from_json_string(params_json)
    try:
        response = getattr(client, action)(request)
    except TencentCloudSDKException as error:
        return {"ok": False, "code": error.get_code(), "message": error.get_message(),
                "requestId": error.get_request_id()}
    return {"ok": True, "response": json.loads(response.to_json_string())}


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    print(json.dumps(call(*sys.argv[1:])))
