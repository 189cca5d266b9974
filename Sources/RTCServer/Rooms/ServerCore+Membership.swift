import NIOCore
import RTCSignaling

/// Rooms and members coming and going: creation, removal for every reason, REST effects.
extension ServerCore {
    /// Tells the metrics how many rooms and members this core holds now.
    func recordCounts() {
        metrics.record(rooms: rooms.count, participants: sessions.count, thread: thread)
    }

    /// Creates an empty room.
    func createRoom(_ key: RoomKey) -> Room {
        let room = Room(key: key)
        rooms[key] = room
        recordCounts()
        logger.info("room created", metadata: ["room": "\(key)"])
        return room
    }

    /// Removes a member from its room at once, telling the others (`userLeft(reason)`) when they
    /// could see it; a kicked member is told why (`kicked`) before its connection closes.
    func remove(_ participant: Participant, reason: LeaveReason, kick: KickReason?, why: String) {
        guard sessions[participant.sessionId] === participant else { return }
        if let kick {
            let code = kick == .roomDisband ? 2 : 1
            participant.send(.kicked(Kicked(reason: kick, code: code)))
        }
        participant.connection?.close(.normalClosure, reason: kick.map { "kicked: \($0.rawValue)" } ?? "left")
        let room = rooms[participant.roomKey]
        if let room, participant.isVisible {
            for kind in Array(participant.tracks.keys) { unpublish(kind, by: participant) }
            broadcast(.userLeft(UserLeft(userId: participant.userId, reason: reason)), in: room, except: participant)
        }
        forget(participant)
        room?.remove(participant)
        metrics.countLeave(reason: reason.rawValue)
        recordCounts()
        var metadata = logMetadata(participant)
        metadata["reason"] = "\(reason.rawValue)"
        metadata["why"] = "\(why)"
        logger.info(kick == nil ? "leave" : "kick", metadata: metadata)
        if let room, room.isEmpty {
            rooms[room.key] = nil
            recordCounts()
            logger.info("room destroyed", metadata: ["room": "\(room.key)"])
        }
    }

    /// Drops every index of a member and frees its media leg.
    func forget(_ participant: Participant) {
        sessions[participant.sessionId] = nil
        if let connection = participant.connection {
            members[ObjectIdentifier(connection)] = nil
        }
        participant.connection = nil
        legsByUfrag[participant.media.serverICE.ufrag] = nil
        if let address = participant.media.address, legsByAddress[address] === participant {
            legsByAddress[address] = nil
        }
        participant.media.close()
    }

    /// DismissRoom: every member is kicked with "room-disband" and the room is gone. False when no such room.
    func dismiss(_ key: RoomKey) async -> Bool {
        (try? await loop.submit { () -> Bool in
            guard let room = self.rooms[key] else { return false }
            self.logger.info("dismiss room", metadata: ["room": "\(key)", "members": "\(room.members.count)"])
            for member in Array(room.members.values) {
                self.remove(member, reason: .kicked, kick: .roomDisband, why: "DismissRoom")
            }
            self.rooms[key] = nil
            self.recordCounts()
            return true
        }.get()) ?? false
    }

    /// RemoveUser: each named member is kicked with "banned"; the others see `userLeft(2)`.
    /// Their UserSigs are refused until they expire. False when no such room.
    func removeUsers(_ userIds: [String], from key: RoomKey) async -> Bool {
        (try? await loop.submit { () -> Bool in
            guard let room = self.rooms[key] else { return false }
            for userId in userIds {
                guard let member = room.members[userId] else { continue }
                self.bans.ban(member.userSig.signedContent, until: member.userSig.expiresAt)
                self.remove(member, reason: .kicked, kick: .banned, why: "RemoveUser")
            }
            return true
        }.get()) ?? false
    }
}
