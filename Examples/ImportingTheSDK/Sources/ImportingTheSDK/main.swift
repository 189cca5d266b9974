// Importing the SDK (TRTC guide, page 2): a package of its own that depends on RTCEngine and
// enters and leaves a room. It starts a room server in-process so that it runs by itself; an app
// sets `serverURL` to its deployment's `rtc-server` instead.
import Foundation
import RTCEngine
import RTCServer
import RTCSignaling

// Never hang: give up after 30 s.
Thread.detachNewThread {
    Thread.sleep(forTimeInterval: 30)
    print("FAILED: ImportingTheSDK did not finish within 30 s")
    exit(1)
}

// A room server on 127.0.0.1 with ports the kernel picks and a generated app.
let credentials = DevelopmentCredentials.generate()
var configuration = ServerConfiguration()
configuration.httpPort = 0
configuration.mediaPort = 0
configuration.apps = [credentials.app]
let server = RoomServer(configuration: configuration)
let addresses = try await server.start()
print("room server at \(addresses.signalingURL)")

// The app's backend signs a UserSig for the user.
let sdkAppId = credentials.app.sdkAppId
let userSig = UserSigIssuer(sdkAppId: sdkAppId, secretKey: credentials.app.secretKey).generate(userId: "alice")

// Enter, then exit as soon as the room is entered; the callbacks as an AsyncStream.
let cloud = TRTCCloud.sharedInstance()
cloud.delegateQueue = DispatchQueue(label: "trtc.callbacks")
let events = cloud.events
let params = TRTCParams(sdkAppId: sdkAppId, userId: "alice", userSig: userSig, roomId: 123, serverURL: addresses.signalingURL)
cloud.enterRoom(params, appScene: .audioCall)
var entered = false
loop: for await event in events {
    print("callback: \(event)")
    switch event {
    case .enterRoom(let result) where result > 0:
        entered = true
        print("entered room 123 in \(result) ms")
        cloud.exitRoom()
    case .enterRoom(let result):
        print("FAILED: enterRoom answered \(result)")
        exit(1)
    case .exitRoom(let reason):
        print("exited with reason \(reason)")
        break loop
    default:
        continue
    }
}
TRTCCloud.destroySharedInstance()
await server.shutdown()
guard entered else {
    print("FAILED: the room was never entered")
    exit(1)
}
print("OK: ImportingTheSDK entered and exited a room")
