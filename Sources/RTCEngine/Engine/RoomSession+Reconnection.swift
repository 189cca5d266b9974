import Foundation
import RTCSignaling

/// Reconnection: when the signaling connection ends without `leave` or `kicked` (server restart,
/// or path cut, noticed by the liveness watchdog of RoomSession+Liveness.swift), `onConnectionLost` → `onTryToReconnect` (every second) → `onConnectionRecovery`.
/// Within the server's user timeout the session resumes and nobody sees a leave; after it, the
/// client enters again as a new session (media and publication rebuilt); after
/// `reconnectLimit` (30 s) it gives up with `onError(ERR_DISCONNECTED)` and `onExitRoom(1)`.
extension RoomSession {
    func signalingEnded(_ signaling: SignalingClient) async {
        let lost = state.withLockedValue { state -> Bool in
            guard !Task.isCancelled, state.phase == .inRoom, state.signaling === signaling, !state.removedByServer else { return false }
            state.phase = .reconnecting
            return true
        }
        guard lost else { return }
        logger.warning("connection lost", metadata: ["room": "\(roomDescription)", "user": "\(params.userId)"])
        dispatcher.emit(.connectionLost)
        dispatcher.emit(.warning(code: .WARNING_ROOM_DISCONNECT, message: "the connection to the server was lost"))
        let deadline = ContinuousClock.now + Self.reconnectLimit
        while ContinuousClock.now < deadline, phase == .reconnecting, !Task.isCancelled {
            dispatcher.emit(.tryToReconnect)
            do {
                try await reconnect()
                return
            } catch let reply as ErrorReply {
                logger.warning("reconnection refused: \(reply.message)")
                dispatcher.emit(.error(code: TXLiteAVError.from(reply.code), message: reply.message))
                break
            } catch {
                logger.info("reconnection attempt failed: \(error)")
            }
            try? await Task.sleep(for: .seconds(1))
        }
        guard phase == .reconnecting else { return }
        dispatcher.emit(.error(code: .ERR_DISCONNECTED, message: "could not reconnect within \(Self.reconnectLimit)"))
        await teardown(sendLeave: false, reason: 1)
    }

    private func reconnect() async throws {
        let sessionId = state.withLockedValue { $0.joinAnswer?.sessionId }
        let answer = try await connectAndJoin(resume: sessionId, timeout: Self.reconnectAttemptTimeout)
        guard phase == .reconnecting else { return }
        if !answer.resumed {
            // The server no longer knows the session: enter again as a new one.
            await stopLocalAudio()
            let known = state.withLockedValue { state -> [String: RemoteUser] in
                defer { state.users = [:] }
                return state.users
            }
            for (userId, user) in known {
                playout.removeStreams(of: userId)
                if !answer.users.contains(where: { $0.userId == userId }) {
                    if user.audioAvailable { dispatcher.emit(.userAudioAvailable(userId: userId, available: false)) }
                    dispatcher.emit(.remoteUserLeaveRoom(userId: userId, reason: 1))
                }
            }
            try await connectMedia(answer)
            state.withLockedValue { state in
                for member in answer.users where known[member.userId] != nil { state.users[member.userId] = RemoteUser(userId: member.userId) }
            }
            announce(answer.users)
        }
        let (signaling, pending) = state.withLockedValue { state -> (SignalingClient?, [CustomCmdRequest]) in
            state.phase = .inRoom
            return (state.signaling, state.sender.unacknowledged)
        }
        if !answer.resumed { try await startLocalAudioIfNeeded() }
        guard let signaling else { return }
        startEventLoop(signaling)
        for request in pending { deliver(request, over: signaling) }
        logger.info("connection recovered", metadata: ["room": "\(roomDescription)", "user": "\(params.userId)", "resumed": "\(answer.resumed)"])
        dispatcher.emit(.connectionRecovery)
    }
}
