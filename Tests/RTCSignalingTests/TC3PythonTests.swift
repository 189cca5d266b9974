import Foundation
import Testing

@testable import RTCSignaling

/// TC3-HMAC-SHA256 against the official Tencent Cloud SDK for Python (`tencentcloud-sdk-python-trtc`).
@Suite(.enabled("PyPI is unreachable: tencentcloud-sdk-python-trtc cannot be installed") { PythonReference.pypiReachable })
struct TC3PythonTests {
    let secretId = "AKIDrtcEngineTestSecretId0000000000"
    let secretKey = "rtcEngineTestSecretKey0000000000"
    let timestamp: Int64 = 1_700_003_599

    /// The SDK's request for `action` with `parameters`: its headers and its body or query string.
    private func sdkRequest(method: String, host: String, region: String, action: String, parameters: String) throws
        -> (headers: [String: String], data: String)
    {
        let result = try PythonReference.callJSON([
            "tc3-sign", method, secretId, secretKey, host, region, action, "\(timestamp)", parameters,
        ])
        let headers = try #require(result["headers"] as? [String: String])
        return (headers, try #require(result["data"] as? String))
    }

    @Test(arguments: [
        ("DismissRoom", #"{"SdkAppId": 1400000000, "RoomId": 1234}"#, "127.0.0.1:7880"),
        ("RemoveUserByStrRoomId", #"{"SdkAppId": 1400000000, "RoomId": "lobby #1", "UserIds": ["a", "b"]}"#, "trtc.tencentcloudapi.com"),
    ])
    func postMatchesTheSDKAndVerifies(action: String, parameters: String, host: String) throws {
        let sdk = try sdkRequest(method: "POST", host: host, region: "ap-guangzhou", action: action, parameters: parameters)
        let ours = TC3Signer(secretId: secretId, secretKey: secretKey, region: "ap-guangzhou")
            .signPOST(action: action, body: Data(sdk.data.utf8), host: host, timestamp: timestamp)
        for name in ["Authorization", "Content-Type", "Host", "X-TC-Action", "X-TC-Timestamp", "X-TC-Version", "X-TC-Region"] {
            #expect(ours[name] == sdk.headers[name], "\(name)")
        }
        let verifier = TC3Verifier { [secretId, secretKey] in $0 == secretId ? secretKey : nil }
        let request = TC3Request(method: "POST", headers: sdk.headers, body: Data(sdk.data.utf8))
        #expect(try verifier.verify(request, now: timestamp + 200) == secretId)
    }

    @Test func getMatchesTheSDKAndVerifies() throws {
        let sdk = try sdkRequest(
            method: "GET", host: "127.0.0.1:7880", region: "", action: "RemoveUser",
            parameters: #"{"SdkAppId": 1400000000, "RoomId": 1234, "UserIds": ["alice", "bob-1"]}"#)
        #expect(sdk.data == "SdkAppId=1400000000&RoomId=1234&UserIds.0=alice&UserIds.1=bob-1")
        let ours = TC3Signer(secretId: secretId, secretKey: secretKey)
            .signGET(action: "RemoveUser", query: sdk.data, host: "127.0.0.1:7880", timestamp: timestamp)
        for name in ["Authorization", "Content-Type", "Host", "X-TC-Action", "X-TC-Timestamp", "X-TC-Version"] {
            #expect(ours[name] == sdk.headers[name], "\(name)")
        }
        let verifier = TC3Verifier { [secretId, secretKey] in $0 == secretId ? secretKey : nil }
        let request = TC3Request(method: "GET", query: sdk.data, headers: sdk.headers, body: Data())
        #expect(try verifier.verify(request, now: timestamp - 200) == secretId)
    }
}
