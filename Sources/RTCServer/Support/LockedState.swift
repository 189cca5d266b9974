import ServiceLifecycle
import Synchronization

/// The parts of a running ``RoomServer`` set at start and read at shutdown, behind a mutex.
final class LockedState: Sendable {
    private struct Parts {
        var core: ServerCore?
        var group: ServiceGroup?
        var runTask: Task<Void, any Error>?
    }

    private let parts = Mutex(Parts())

    var core: ServerCore? { parts.withLock { $0.core } }
    var group: ServiceGroup? { parts.withLock { $0.group } }
    var runTask: Task<Void, any Error>? { parts.withLock { $0.runTask } }

    func set(core: ServerCore, group: ServiceGroup, runTask: Task<Void, any Error>) {
        parts.withLock { $0 = Parts(core: core, group: group, runTask: runTask) }
    }
}
