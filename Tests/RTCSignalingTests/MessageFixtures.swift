import Foundation

@testable import RTCSignaling

/// One valid instance of every message, for round trips and shape checks.
enum MessageFixtures {
    static let ice = ICEParameters(ufrag: "cUfr", pwd: "clientPasswordOf22chars")
    static let dtls = DTLSParameters(fingerprint: "sha-256 AB:CD:EF:01", setup: .active)
    static let client = ClientInfo(sdk: "RTCEngine", version: "0.1.0")

    static let join = JoinRequest(
        sdkAppId: 1_400_000_000, userId: "alice", userSig: "sig", roomId: 123, strRoomId: "", role: .anchor,
        scene: .voiceChatRoom, ice: ice, dtls: dtls, client: client)

    static let clientMessages: [ClientMessage] = [
        .join(join),
        .join(
            JoinRequest(
                sdkAppId: 7, userId: "bob", userSig: "s", roomId: 0, strRoomId: "room #1", role: .audience,
                scene: .liveStreaming, ice: ice, dtls: dtls, client: client, resume: "session-1")),
        .publish(
            PublishRequest(tracks: [
                TrackDescription(kind: .audio, ssrc: 0xDEAD_BEEF, codec: .opus),
                TrackDescription(
                    kind: .video, ssrc: 7, codec: CodecDescription(name: "VP8", payloadType: 96, clockRate: 90_000, channels: 1)),
            ])),
        .unpublish(UnpublishRequest(kinds: [.audio, .video])),
        .mute(MuteRequest(kind: .audio, muted: true)),
        .subscribe(SubscriptionRequest(userId: "bob", kind: .audio)),
        .unsubscribe(SubscriptionRequest(userId: "bob", kind: .video)),
        .switchRole(SwitchRoleRequest(role: .audience)),
        .customCmd(CustomCmdRequest(cmdId: 3, seq: 42, reliable: true, ordered: true, data: Data([0, 1, 2, 0xFF]))),
        .ping(Ping(ts: 1_700_000_000_123)),
        .leave,
    ]

    static let joinAnswer = JoinAnswer(
        sessionId: "s-1", elapsedMs: 12,
        server: ServerTransport(
            ice: ICEParameters(ufrag: "sUfr", pwd: "serverPasswordOf22char"),
            dtls: DTLSParameters(fingerprint: "sha-256 01:02", setup: .passive),
            candidates: [Candidate(ip: "127.0.0.1", port: 7882)]),
        users: [
            RoomMember(userId: "bob", role: .anchor, tracks: [TrackState(kind: .audio, ssrc: 99, muted: false)])
        ],
        heartbeatMs: 2000, userTimeoutMs: 6000, resumed: true)

    static let serverMessages: [ServerMessage] =
        [.joinOK(joinAnswer)] + AcknowledgedRequest.allCases.map { .ok($0) } + [
            .userJoined(UserJoined(userId: "bob", role: .anchor)),
            .userLeft(UserLeft(userId: "bob", reason: .switchedToAudience)),
            .streamPublished(StreamEvent(userId: "bob", kind: .audio, ssrc: 99, muted: false)),
            .streamUnpublished(StreamEvent(userId: "bob", kind: .audio, ssrc: 99, muted: false)),
            .streamMuted(StreamEvent(userId: "bob", kind: .audio, ssrc: 99, muted: true)),
            .customCmd(CustomCmdNotification(userId: "bob", cmdId: 1, seq: 5, data: Data("hi".utf8))),
            .kicked(Kicked(reason: .roomDisband, code: -3340)),
            .pong(Pong(ts: 5)),
            .error(ErrorReply(code: .invalidRoomId, message: "bad room")),
        ]
}
