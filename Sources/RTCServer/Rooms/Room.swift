/// The members of one room. Created by its first join, destroyed when its last member leaves.
/// Touched only on the server core's event loop.
final class Room {
    /// The room's identity.
    let key: RoomKey
    /// Members by user id (at most one session per user id).
    private(set) var members: [String: Participant] = [:]

    init(key: RoomKey) {
        self.key = key
    }

    /// Whether the last member has left.
    var isEmpty: Bool { members.isEmpty }

    /// Adds a member; the caller has removed any earlier session of the same user id.
    func add(_ participant: Participant) {
        members[participant.userId] = participant
    }

    /// Removes a member if it is the given session.
    func remove(_ participant: Participant) {
        if members[participant.userId] === participant {
            members[participant.userId] = nil
        }
    }

    /// Every member except `participant`.
    func others(than participant: Participant) -> some Sequence<Participant> {
        members.values.lazy.filter { $0 !== participant }
    }
}
