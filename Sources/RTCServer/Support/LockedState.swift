import ServiceLifecycle
import NIOConcurrencyHelpers

/// The parts of a running ``RoomServer`` set at start and read at shutdown, behind a mutex.
final class LockedState: Sendable {
    private struct Parts {
        var core: ServerCore?
        var group: ServiceGroup?
        var runTask: Task<Void, any Error>?
    }

    private let parts = NIOLockedValueBox(Parts())

    var core: ServerCore? { parts.withLockedValue { $0.core } }
    var group: ServiceGroup? { parts.withLockedValue { $0.group } }
    var runTask: Task<Void, any Error>? { parts.withLockedValue { $0.runTask } }

    func set(core: ServerCore, group: ServiceGroup, runTask: Task<Void, any Error>) {
        parts.withLockedValue { $0 = Parts(core: core, group: group, runTask: runTask) }
    }
}
