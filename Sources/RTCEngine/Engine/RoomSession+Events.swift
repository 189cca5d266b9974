import Foundation
import RTCSignaling

/// The server's events, the heartbeat, and what the app changes while in the room.
extension RoomSession {
    /// Starts the event loop over the signaling connection, the heartbeat, the liveness watchdog
    /// and the 1 s report timer.
    func startBackgroundWork() {
        guard let signaling = state.withLockedValue({ $0.signaling }), let answer = state.withLockedValue({ $0.joinAnswer }) else { return }
        startEventLoop(signaling)
        let heartbeat = Duration.milliseconds(max(200, answer.heartbeatMs))
        let ticker = Task { [self] in
            var tick = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard phase == .inRoom else { continue }
                tick += 1
                sendReports()
                if tick % 2 == 0 { reportStatistics() }
            }
        }
        let pinger = Task { [self] in
            while !Task.isCancelled {
                if phase == .inRoom, let current = state.withLockedValue({ $0.signaling }) {
                    current.send(.ping(Ping(ts: Int64(Date().timeIntervalSince1970 * 1000))))
                }
                try? await Task.sleep(for: heartbeat)
            }
        }
        let bound = Self.livenessBound(heartbeatMs: answer.heartbeatMs, userTimeoutMs: answer.userTimeoutMs)
        let watchdog = Task { [self] in await watchLiveness(bound: bound) }
        let volumes = Task { [self] in await runVolumeEvaluation() }
        state.withLockedValue { $0.tasks += [ticker, pinger, watchdog, volumes] }
    }

    /// Handles the events of one signaling connection; when it ends unasked, reconnects.
    func startEventLoop(_ signaling: SignalingClient) {
        let events = Task { [self] in
            for await event in signaling.events { handle(event) }
            await signalingEnded(signaling)
        }
        state.withLockedValue { $0.tasks.append(events) }
    }

    /// One server event.
    func handle(_ event: ServerMessage) {
        switch event {
        case .userJoined(let joined):
            let isNew = state.withLockedValue { state -> Bool in
                guard state.users[joined.userId] == nil else { return false }
                state.users[joined.userId] = RemoteUser(userId: joined.userId)
                return true
            }
            if isNew { dispatcher.emit(.remoteUserEnterRoom(userId: joined.userId)) }
        case .userLeft(let left):
            let user = state.withLockedValue { $0.users.removeValue(forKey: left.userId) }
            guard let user else { return }
            playout.removeStreams(of: left.userId)
            if user.audioAvailable { dispatcher.emit(.userAudioAvailable(userId: left.userId, available: false)) }
            dispatcher.emit(.remoteUserLeaveRoom(userId: left.userId, reason: left.reason.rawValue))
        case .streamPublished(let stream) where stream.kind == .audio:
            let (wasAvailable, subscribe) = state.withLockedValue { state -> (Bool, Bool) in
                let before = state.users[stream.userId]?.audioAvailable ?? false
                if state.users[stream.userId] == nil { state.users[stream.userId] = RemoteUser(userId: stream.userId) }
                state.users[stream.userId]?.audio = (stream.ssrc, stream.muted)
                return (before, wantsAudio(from: stream.userId, state: state))
            }
            if subscribe {
                playout.addStream(userId: stream.userId, ssrc: stream.ssrc)
            } else {
                state.withLockedValue { $0.signaling }?.send(.unsubscribe(SubscriptionRequest(userId: stream.userId, kind: .audio)))
            }
            if wasAvailable != !stream.muted { dispatcher.emit(.userAudioAvailable(userId: stream.userId, available: !stream.muted)) }
        case .streamUnpublished(let stream) where stream.kind == .audio:
            let wasAvailable = state.withLockedValue { state -> Bool in
                defer { state.users[stream.userId]?.audio = nil }
                return state.users[stream.userId]?.audioAvailable ?? false
            }
            playout.removeStream(ssrc: stream.ssrc)
            if wasAvailable { dispatcher.emit(.userAudioAvailable(userId: stream.userId, available: false)) }
        case .streamMuted(let stream) where stream.kind == .audio:
            let changed = state.withLockedValue { state -> Bool in
                guard let audio = state.users[stream.userId]?.audio, audio.muted != stream.muted else { return false }
                state.users[stream.userId]?.audio = (audio.ssrc, stream.muted)
                return true
            }
            if changed { dispatcher.emit(.userAudioAvailable(userId: stream.userId, available: !stream.muted)) }
        case .customCmd(let message):
            let (missed, deliver) = state.withLockedValue { $0.receiver.receive(userId: message.userId, cmdID: message.cmdId, seq: message.seq) }
            if missed > 0 {
                dispatcher.emit(.missCustomCmdMsg(userId: message.userId, cmdID: message.cmdId, errCode: -1, missed: missed))
            }
            if deliver {
                dispatcher.emit(.customCmdMsg(userId: message.userId, cmdID: message.cmdId, seq: message.seq, message: message.data))
            }
        case .kicked(let kicked):
            state.withLockedValue { $0.removedByServer = true }
            Task { await forcedExit(kicked) }
        case .error(let reply):
            logger.warning("server error \(reply.code.rawValue): \(reply.message)")
        default:
            break
        }
    }

    /// Whether the app receives a user's audio: auto mode and not muted by the app.
    func wantsAudio(from userId: String, state: State) -> Bool {
        if state.mutedRemote.contains(userId) { return false }
        return settings.read(\.autoReceiveAudio) ? !state.muteAllRemote : state.received.contains(userId)
    }

    /// The server removed this client: the same teardown as `exitRoom`, no reconnection.
    func forcedExit(_ kicked: Kicked) async {
        let reason = kicked.reason == .roomDisband ? 2 : 1
        if kicked.reason == .kick {
            dispatcher.emit(.warning(code: .WARNING_KICKED_BY_SAME_USER, message: "kick: the same user id entered the room elsewhere"))
        }
        logger.info("removed by the server: \(kicked.reason.rawValue)", metadata: ["room": "\(roomDescription)", "user": "\(params.userId)"])
        await teardown(sendLeave: false, reason: reason)
    }

    /// `muteRemoteAudio`: stops (or resumes) receiving a user.
    func setRemoteAudio(_ userId: String, muted: Bool) {
        let (signaling, ssrc) = state.withLockedValue { state -> (SignalingClient?, UInt32?) in
            if muted { state.mutedRemote.insert(userId) } else {
                state.mutedRemote.remove(userId)
                state.received.insert(userId)
            }
            return (state.signaling, state.users[userId]?.audio?.ssrc)
        }
        if muted {
            signaling?.send(.unsubscribe(SubscriptionRequest(userId: userId, kind: .audio)))
            if let ssrc { playout.removeStream(ssrc: ssrc) }
        } else {
            signaling?.send(.subscribe(SubscriptionRequest(userId: userId, kind: .audio)))
            if let ssrc { playout.addStream(userId: userId, ssrc: ssrc) }
        }
    }

    /// `muteAllRemoteAudio`.
    func setAllRemoteAudio(muted: Bool) {
        let users = state.withLockedValue { state -> [String] in
            state.muteAllRemote = muted
            return Array(state.users.keys)
        }
        for user in users { setRemoteAudio(user, muted: muted) }
        if !muted { state.withLockedValue { $0.mutedRemote.removeAll() } }
    }

    /// `muteLocalAudio`: tells the others, keeps a DTX stream.
    func setLocalMuted(_ muted: Bool) {
        state.withLockedValue { $0.signaling }?.send(.mute(MuteRequest(kind: .audio, muted: muted)))
    }

    /// `switchRole`.
    func switchRole(to role: TRTCRoleType) async {
        guard scene.isLive else {
            dispatcher.emit(.switchRole(errCode: .ERR_NOT_SUPPORTED, errMsg: "switchRole applies to LIVE and voiceChatRoom"))
            return
        }
        guard let signaling = state.withLockedValue({ $0.signaling }) else { return }
        do {
            if role == .audience { await stopLocalAudio() }
            _ = try await signaling.request(.switchRole(SwitchRoleRequest(role: role.wire)))
            state.withLockedValue { $0.role = role }
            if role == .anchor { try await startLocalAudioIfNeeded() }
            dispatcher.emit(.switchRole(errCode: .ERR_NULL, errMsg: nil))
        } catch {
            let (code, message) = Self.describe(error)
            dispatcher.emit(.switchRole(errCode: code, errMsg: message))
        }
    }

    /// `sendCustomCmdMsg`: false when a rule or limit refuses it.
    func sendCustomMessage(cmdID: Int, data: Data, reliable: Bool, ordered: Bool) -> Bool {
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        let prepared = state.withLockedValue { state -> (CustomCmdRequest, SignalingClient?)? in
            guard state.phase == .inRoom || state.phase == .reconnecting, state.role == .anchor || !scene.isLive else { return nil }
            let connected = state.phase == .inRoom
            guard let request = state.sender.prepare(
                cmdID: cmdID, data: data, reliable: reliable, ordered: ordered, now: now, connected: connected)
            else { return nil }
            return (request, connected ? state.signaling : nil)
        }
        guard let (request, signaling) = prepared else { return false }
        if let signaling { deliver(request, over: signaling) }
        return true
    }

    /// How long a reliable message the server refused as over its rate limit waits before it is sent again.
    static let customMessageRetryDelay: Duration = .milliseconds(100)

    /// Makes sure the outbox, where `request` already waits, is being sent over `signaling`.
    func deliver(_ request: CustomCmdRequest, over signaling: SignalingClient) {
        let connection = ObjectIdentifier(signaling)
        let start = state.withLockedValue { state -> Bool in
            guard state.sender.sendingOver != connection else { return false }
            state.sender.sendingOver = connection
            return true
        }
        guard start else { return }
        let task = Task { [self] in await sendOutbox(over: signaling) }
        state.withLockedValue { $0.outboxTask = task }
    }

    /// Sends the outbox in order until it is empty, the connection ends, or a newer connection takes over.
    /// A reliable message is sent again after a rate-limit refusal or a lost answer; one refused
    /// for another reason (e.g. the role changed) is dropped, so that it holds up no other.
    private func sendOutbox(over signaling: SignalingClient) async {
        let connection = ObjectIdentifier(signaling)
        while !Task.isCancelled {
            let next = state.withLockedValue { state -> CustomCmdRequest? in
                guard state.sender.sendingOver == connection else { return nil }
                guard let next = state.sender.next else {
                    state.sender.sendingOver = nil
                    return nil
                }
                return next
            }
            guard let next else { return }
            guard next.reliable else {
                signaling.send(.customCmd(next))
                state.withLockedValue { $0.sender.acknowledge(cmdID: next.cmdId, seq: next.seq) }
                continue
            }
            do {
                _ = try await signaling.request(.customCmd(next))
                state.withLockedValue { $0.sender.acknowledge(cmdID: next.cmdId, seq: next.seq) }
            } catch let reply as ErrorReply where reply.code == .rateLimitExceeded {
                try? await Task.sleep(for: Self.customMessageRetryDelay)
            } catch let reply as ErrorReply {
                logger.warning("custom message \(next.cmdId)/\(next.seq) refused: \(reply.message)")
                state.withLockedValue { $0.sender.acknowledge(cmdID: next.cmdId, seq: next.seq) }
            } catch is RequestTimeout {
                continue
            } catch {
                // The connection ended: the reconnection sends what is left over the next one.
                state.withLockedValue { state in
                    if state.sender.sendingOver == connection { state.sender.sendingOver = nil }
                }
                return
            }
        }
    }

    /// Sends `onUserVoiceVolume` every `interval` ms while evaluation is on.
    func runVolumeEvaluation() async {
        while !Task.isCancelled {
            guard let parameters = settings.read(\.volumeEvaluation) else {
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            try? await Task.sleep(for: .milliseconds(max(100, parameters.interval)))
            guard phase == .inRoom, settings.read(\.volumeEvaluation) != nil else { continue }
            var volumes: [TRTCVolumeInfo] = []
            if let local = sendPipeline.withLockedValue({ $0 }) {
                let meter = local.level.withLockedValue { meter in defer { meter.reset() }; return meter }
                let vad = parameters.enableVadDetection && (processor.withLockedValue { $0?.hasVoice } ?? false)
                volumes.append(TRTCVolumeInfo(userId: "", volume: meter.volume, vad: vad))
            }
            playout.withStreams { streams in
                for stream in streams {
                    volumes.append(TRTCVolumeInfo(userId: stream.userId, volume: stream.level.volume, vad: parameters.enableVadDetection && stream.level.volume > 20))
                    stream.level.reset()
                }
            }
            let total = min(100, volumes.map(\.volume).max() ?? 0)
            dispatcher.emit(.userVoiceVolume(volumes: volumes, totalVolume: total))
        }
    }
}
