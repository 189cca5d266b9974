import RTCTestSupport

extension ChildProcess {
    /// Starts the built `rtc-client` in `network`'s peer namespace: `join` as `userId` into
    /// `roomId` on `server` (publishing its default tone), and nothing else.
    static func rtcClient(in network: FaultNetwork, server: NamespacedServer, userId: String, roomId: UInt32) throws -> ChildProcess {
        let (executable, arguments) = network.peerCommand([
            try BuiltBinary.path("rtc-client"), "join", "--server", server.signalingURL, "--app", "\(NamespacedServer.sdkAppId)",
            "--secret", NamespacedServer.secretKey, "--room", "\(roomId)", "--user", userId,
        ])
        return try ChildProcess(executable: executable, arguments: arguments)
    }
}
