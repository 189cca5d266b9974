import NIOCore
import RTCSignaling

/// One member's session in a room: who it is, what it publishes, what it receives, its signaling
/// connection (if any) and its media leg. Touched only on the server core's event loop.
final class Participant {
    /// The id `join.ok` gave the session; `join` with `resume` names it to re-attach.
    let sessionId: String
    /// The user.
    let userId: String
    /// The room.
    let roomKey: RoomKey
    /// The scene the user entered with.
    let scene: AppScene
    /// The current role.
    var role: UserRole
    /// The verified UserSig the user entered with (to refuse it again after RemoveUser).
    let userSig: UserSig
    /// The signaling connection; nil while the WebSocket is down (the session lives on).
    var connection: SignalingConnection?
    /// The media leg: ICE credentials, DTLS, SRTP, address, RTCP statistics.
    let media: MediaLeg
    /// Published tracks by kind.
    var tracks: [MediaKind: PublishedTrack] = [:]
    /// (user id, kind) pairs this member has unsubscribed from.
    var unsubscribed: Set<Subscription> = []
    /// Whether the server sends this member's own media back to it (it subscribed to itself: the speed test).
    var echoesOwnMedia = false
    /// When anything valid last arrived from this member (signaling, STUN consent, SRTP).
    var lastAlive: NIODeadline
    /// Whether the member is exempt from eviction for silence.
    let isAllowlisted: Bool
    /// Custom messages in the last second (api.md: 30 per second).
    var customMessageRate = RateWindow(limit: 30)
    /// Custom message bytes in the last second (api.md: 8 KiB per second).
    var customByteRate = RateWindow(limit: 8 * 1024)

    init(
        sessionId: String, userId: String, roomKey: RoomKey, scene: AppScene, role: UserRole, userSig: UserSig,
        media: MediaLeg, now: NIODeadline, isAllowlisted: Bool
    ) {
        self.sessionId = sessionId
        self.userId = userId
        self.roomKey = roomKey
        self.scene = scene
        self.role = role
        self.userSig = userSig
        self.media = media
        self.lastAlive = now
        self.isAllowlisted = isAllowlisted
    }

    /// The effective role: in call scenes everyone is an anchor (TRTC ignores the role there).
    var effectiveRole: UserRole { scene.showsOnlyAnchors ? role : .anchor }

    /// Whether others see this member (userJoined/userLeft): anchors, or everyone in call scenes.
    var isVisible: Bool { effectiveRole == .anchor }

    /// The member as `join.ok` lists it.
    var asRoomMember: RoomMember {
        RoomMember(userId: userId, role: effectiveRole, tracks: tracks.values.map(\.state).sorted { $0.ssrc < $1.ssrc })
    }

    /// Whether this member receives `publisher`'s track of `kind`.
    func receives(_ kind: MediaKind, from publisher: Participant) -> Bool {
        !unsubscribed.contains(Subscription(userId: publisher.userId, kind: kind))
    }

    /// Queues a message on the member's signaling connection, if it has one.
    func send(_ message: ServerMessage, requestId: Int? = nil) {
        guard let connection else { return }
        if let text = try? SignalingCodec.encode(message, requestId: requestId) {
            connection.send(text)
        }
    }
}

/// A track a member publishes.
struct PublishedTrack: Sendable, Equatable {
    /// Its kind.
    var kind: MediaKind
    /// The RTP SSRC it is sent with.
    var ssrc: UInt32
    /// Whether the publisher muted it.
    var muted: Bool

    /// As signaling lists it.
    var state: TrackState { TrackState(kind: kind, ssrc: ssrc, muted: muted) }
}

/// A (publisher, kind) pair a member may unsubscribe from.
struct Subscription: Hashable, Sendable {
    /// The publisher.
    var userId: String
    /// The kind.
    var kind: MediaKind
}
