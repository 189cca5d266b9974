import Foundation
import Logging
import NIOCore
import RTCSignaling
import RTCTransport

/// Signaling: every message of protocol.md §1, handled on the core's loop.
extension ServerCore {
    /// One text message from a connection.
    func receive(text: String, from connection: SignalingConnection) async {
        try? await loop.submit { self.handle(text: text, from: connection) }.get()
    }

    /// A binary message: the protocol is text only.
    func receiveBinary(from connection: SignalingConnection) async {
        try? await loop.submit {
            self.refuse(.signalingOversized, on: connection, code: .malformedMessage, message: "binary frames are not part of the protocol", requestId: nil)
        }.get()
    }

    /// The WebSocket closed. Not a leave: the session lives on while media or consent arrives (protocol.md §2.7).
    func connectionClosed(_ connection: SignalingConnection) async {
        try? await loop.submit {
            guard let participant = self.members.removeValue(forKey: ObjectIdentifier(connection)) else { return }
            if participant.connection === connection {
                participant.connection = nil
                self.logger.info("signaling lost", metadata: self.logMetadata(participant))
            }
        }.get()
    }

    private func handle(text: String, from connection: SignalingConnection) {
        let envelope: SignalingEnvelope<ClientMessage>
        do {
            envelope = try SignalingCodec.decode(text, as: ClientMessage.self, limit: SignalingLimits.maxMessageSize)
        } catch {
            let kind: BadInput =
                switch error {
                case .frameTooLarge: .signalingOversized
                case .unknownMessageType: .signalingUnknownType
                default: .signalingMalformed
                }
            refuse(kind, on: connection, code: error.code, message: error.description, requestId: error.requestId)
            return
        }
        let requestId = envelope.requestId
        guard let participant = members[ObjectIdentifier(connection)] else {
            if case .join(let request) = envelope.message {
                join(request, requestId: requestId, on: connection)
            } else {
                refuse(.signalingOutOfOrder, on: connection, code: .notJoined, message: "\"\(envelope.message.type)\" before \"join\"", requestId: requestId)
            }
            return
        }
        participant.lastAlive = .now()
        switch envelope.message {
        case .join:
            refuse(.signalingOutOfOrder, on: connection, code: .alreadyJoined, message: "this connection has already joined", requestId: requestId)
        case .publish(let request):
            publish(request, by: participant, requestId: requestId)
        case .unpublish(let request):
            for kind in request.kinds { unpublish(kind, by: participant) }
            participant.send(.ok(.unpublish), requestId: requestId)
        case .mute(let request):
            mute(request, by: participant, requestId: requestId)
        case .subscribe(let request):
            // Subscribing to oneself asks the server to echo one's own media: the speed test's loopback.
            if request.userId == participant.userId { participant.echoesOwnMedia = true }
            participant.unsubscribed.remove(Subscription(userId: request.userId, kind: request.kind))
            participant.send(.ok(.subscribe), requestId: requestId)
        case .unsubscribe(let request):
            if request.userId == participant.userId { participant.echoesOwnMedia = false }
            participant.unsubscribed.insert(Subscription(userId: request.userId, kind: request.kind))
            participant.send(.ok(.unsubscribe), requestId: requestId)
        case .switchRole(let request):
            switchRole(to: request.role, of: participant, requestId: requestId)
        case .customCmd(let request):
            relay(request, from: participant, requestId: requestId)
        case .ping(let ping):
            participant.send(.pong(Pong(ts: ping.ts)), requestId: requestId)
        case .leave:
            participant.send(.ok(.leave), requestId: requestId)
            remove(participant, reason: .exit, kick: nil, why: "leave")
        }
    }

    /// Answers with `error`, counts the bad input, and closes with 1008 when a connection keeps sending garbage.
    func refuse(
        _ kind: BadInput, on connection: SignalingConnection, code: SignalingErrorCode, message: String, requestId: Int?
    ) {
        metrics.count(kind)
        if let text = try? SignalingCodec.encode(ServerMessage.error(ErrorReply(code: code, message: message)), requestId: requestId) {
            connection.send(text)
        }
        guard kind == .signalingMalformed || kind == .signalingOversized else { return }
        if connection.recordBadMessage() >= SignalingLimits.maxBadMessages {
            connection.close(.policyViolation, reason: "too many malformed messages")
        }
    }

    private func join(_ request: JoinRequest, requestId: Int?, on connection: SignalingConnection) {
        let started = NIODeadline.now()
        func fail(_ kind: BadInput, _ code: SignalingErrorCode, _ message: String) {
            refuse(kind, on: connection, code: code, message: message, requestId: requestId)
            logger.info("join refused", metadata: ["user": "\(request.userId)", "code": "\(code.rawValue)", "reason": "\(message)"])
        }
        guard !shuttingDown else {
            return fail(.joinInvalid, .enterRoomRefused, "the server is shutting down")
        }
        let parameters: JoinParameters
        do {
            parameters = try request.parameters()
        } catch {
            return fail(.joinInvalid, error.code, error.description)
        }
        guard let issuer = issuers[parameters.sdkAppId] else {
            return fail(.joinInvalid, .invalidSdkAppId, "SdkAppId \(parameters.sdkAppId) is not served here")
        }
        let userSig: UserSig
        do {
            userSig = try issuer.verify(parameters.userSig, userId: parameters.userId)
        } catch {
            return fail(.userSig, error.code, error.description)
        }
        // Banned by what the sig signs, not by its text: a re-encoded copy of a banned sig is banned too.
        if bans.isBanned(userSig.signedContent) {
            return fail(.joinInvalid, .enterRoomRefused, "this UserSig was removed from the room by RemoveUser")
        }
        guard ICECredentials.isValid(request.ice) else {
            return fail(.joinInvalid, .malformedMessage, "ice.ufrag must be 4–256 and ice.pwd 22–256 ICE characters")
        }
        guard let fingerprint = try? DTLSFingerprint(parsing: request.dtls.fingerprint) else {
            return fail(.joinInvalid, .malformedMessage, "dtls.fingerprint must be \"sha-256 AB:CD:…\" (32 bytes)")
        }
        let key = RoomKey(sdkAppId: parameters.sdkAppId, room: parameters.room)
        if let resumeId = request.resume, let participant = sessions[resumeId],
            participant.userId == parameters.userId, participant.roomKey == key
        {
            return resume(participant, on: connection, requestId: requestId, started: started)
        }
        // Kick the earlier session first: removing the room's last member destroys the room.
        if let earlier = rooms[key]?.members[parameters.userId] {
            remove(earlier, reason: .kicked, kick: .kick, why: "the same user id entered again")
        }
        let room = rooms[key] ?? createRoom(key)
        let media = MediaLeg(clientICE: request.ice, expectedFingerprint: fingerprint, now: started)
        let participant = Participant(
            sessionId: UUID().uuidString, userId: parameters.userId, roomKey: key, scene: request.scene,
            role: request.role, userSig: userSig, media: media, now: started,
            isAllowlisted: allowlist.contains(parameters.userId))
        participant.connection = connection
        connection.bind(to: self)
        room.add(participant)
        members[ObjectIdentifier(connection)] = participant
        sessions[participant.sessionId] = participant
        legsByUfrag[media.serverICE.ufrag] = participant
        metrics.joins.increment()
        recordCounts()
        participant.send(.joinOK(joinAnswer(for: participant, in: room, started: started, resumed: false)), requestId: requestId)
        if participant.isVisible {
            broadcast(.userJoined(UserJoined(userId: participant.userId, role: participant.effectiveRole)), in: room, except: participant)
        }
        logger.info("join", metadata: logMetadata(participant).merging(["role": "\(participant.effectiveRole.rawValue)", "scene": "\(request.scene.rawValue)"]) { $1 })
    }

    private func resume(_ participant: Participant, on connection: SignalingConnection, requestId: Int?, started: NIODeadline) {
        if let old = participant.connection, old !== connection {
            members[ObjectIdentifier(old)] = nil
            old.close(.normalClosure, reason: "session resumed on another connection")
        }
        participant.connection = connection
        connection.bind(to: self)
        participant.lastAlive = started
        members[ObjectIdentifier(connection)] = participant
        guard let room = rooms[participant.roomKey] else { return }
        participant.send(.joinOK(joinAnswer(for: participant, in: room, started: started, resumed: true)), requestId: requestId)
        logger.info("resume", metadata: logMetadata(participant))
    }

    private func joinAnswer(for participant: Participant, in room: Room, started: NIODeadline, resumed: Bool) -> JoinAnswer {
        let elapsed = Int((NIODeadline.now() - started).nanoseconds / 1_000_000)
        let server = ServerTransport(
            ice: participant.media.serverICE,
            dtls: DTLSParameters(fingerprint: certificate.fingerprint.description, setup: .passive),
            candidates: [Candidate(ip: announcedAddress, port: UInt16(announcedPort))])
        let users = room.others(than: participant).filter(\.isVisible).map(\.asRoomMember).sorted { $0.userId < $1.userId }
        return JoinAnswer(
            sessionId: participant.sessionId, elapsedMs: elapsed, server: server, users: users,
            heartbeatMs: configuration.heartbeatMilliseconds, userTimeoutMs: Int(configuration.userTimeout * 1000),
            resumed: resumed)
    }

    private func publish(_ request: PublishRequest, by participant: Participant, requestId: Int?) {
        guard participant.effectiveRole == .anchor else {
            metrics.count(.signalingForbidden)
            participant.send(.error(ErrorReply(code: .notAllowedForRole, message: "audiences cannot publish")), requestId: requestId)
            return
        }
        guard let room = rooms[participant.roomKey] else { return }
        for track in request.tracks {
            let taken = room.others(than: participant).contains { $0.tracks.values.contains { $0.ssrc == track.ssrc } }
            guard track.ssrc != 0, !taken else {
                metrics.count(.signalingMalformed)
                participant.send(.error(ErrorReply(code: .invalidParameter, message: "ssrc \(track.ssrc) is 0 or already used in this room")), requestId: requestId)
                return
            }
        }
        for track in request.tracks {
            if let old = participant.tracks[track.kind], old.ssrc != track.ssrc { unpublish(track.kind, by: participant) }
            let published = PublishedTrack(kind: track.kind, ssrc: track.ssrc, muted: false)
            participant.tracks[track.kind] = published
            broadcast(.streamPublished(StreamEvent(userId: participant.userId, kind: track.kind, ssrc: track.ssrc, muted: false)), in: room, except: participant)
        }
        participant.send(.ok(.publish), requestId: requestId)
    }

    /// Stops a published track and tells the others.
    func unpublish(_ kind: MediaKind, by participant: Participant) {
        guard let track = participant.tracks.removeValue(forKey: kind), let room = rooms[participant.roomKey] else { return }
        broadcast(.streamUnpublished(StreamEvent(userId: participant.userId, kind: kind, ssrc: track.ssrc, muted: track.muted)), in: room, except: participant)
    }

    private func mute(_ request: MuteRequest, by participant: Participant, requestId: Int?) {
        guard var track = participant.tracks[request.kind], let room = rooms[participant.roomKey] else {
            participant.send(.error(ErrorReply(code: .invalidParameter, message: "no published \(request.kind.rawValue) track to mute")), requestId: requestId)
            return
        }
        track.muted = request.muted
        participant.tracks[request.kind] = track
        broadcast(.streamMuted(StreamEvent(userId: participant.userId, kind: track.kind, ssrc: track.ssrc, muted: track.muted)), in: room, except: participant)
        participant.send(.ok(.mute), requestId: requestId)
    }

    private func switchRole(to role: UserRole, of participant: Participant, requestId: Int?) {
        guard participant.scene.showsOnlyAnchors else {
            participant.send(.error(ErrorReply(code: .notSupported, message: "switchRole applies to liveStreaming and voiceChatRoom only")), requestId: requestId)
            return
        }
        guard let room = rooms[participant.roomKey], role != participant.role else {
            participant.send(.ok(.switchRole), requestId: requestId)
            return
        }
        if role == .audience {
            for kind in Array(participant.tracks.keys) { unpublish(kind, by: participant) }
            broadcast(.userLeft(UserLeft(userId: participant.userId, reason: .switchedToAudience)), in: room, except: participant)
            participant.role = .audience
        } else {
            participant.role = .anchor
            broadcast(.userJoined(UserJoined(userId: participant.userId, role: .anchor)), in: room, except: participant)
        }
        participant.send(.ok(.switchRole), requestId: requestId)
        logger.info("switch role", metadata: logMetadata(participant).merging(["role": "\(role.rawValue)"]) { $1 })
    }

    private func relay(_ request: CustomCmdRequest, from participant: Participant, requestId: Int?) {
        func refuse(_ kind: BadInput, _ code: SignalingErrorCode, _ message: String) {
            metrics.count(kind)
            participant.send(.error(ErrorReply(code: code, message: message)), requestId: requestId)
        }
        guard participant.effectiveRole == .anchor else {
            return refuse(.signalingForbidden, .notAllowedForRole, "audiences cannot send custom messages")
        }
        guard request.data.count <= CustomCmdRequest.maxDataBytes else {
            return refuse(.signalingOversized, .messageTooLarge, "custom message of \(request.data.count) bytes exceeds \(CustomCmdRequest.maxDataBytes)")
        }
        do {
            try request.validate()
        } catch {
            return refuse(.signalingMalformed, error.code, error.description)
        }
        let now = Double(NIODeadline.now().uptimeNanoseconds) / 1e9
        guard participant.customMessageRate.admit(now: now) else {
            return refuse(.signalingRateLimited, .rateLimitExceeded, "more than 30 custom messages per second")
        }
        guard participant.customByteRate.admit(request.data.count, now: now) else {
            return refuse(.signalingRateLimited, .rateLimitExceeded, "more than 8 KiB of custom messages per second")
        }
        guard let room = rooms[participant.roomKey] else { return }
        let notification = CustomCmdNotification(userId: participant.userId, cmdId: request.cmdId, seq: request.seq, data: request.data)
        for member in room.others(than: participant) {
            member.send(.customCmd(notification))
        }
        participant.send(.ok(.customCmd), requestId: requestId)
    }

    /// Sends a message to every member of `room` but `excluded`.
    func broadcast(_ message: ServerMessage, in room: Room, except excluded: Participant) {
        guard let text = try? SignalingCodec.encode(message) else { return }
        for member in room.others(than: excluded) {
            member.connection?.send(text)
        }
    }

    /// Log fields naming a member: room and user (never a secret).
    func logMetadata(_ participant: Participant) -> Logger.Metadata {
        ["room": "\(participant.roomKey)", "user": "\(participant.userId)", "session": "\(participant.sessionId)"]
    }
}
