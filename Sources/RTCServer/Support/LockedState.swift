import ServiceLifecycle
import NIOConcurrencyHelpers

/// The parts of a running ``RoomServer`` set at start and read at shutdown, behind a mutex.
final class LockedState: Sendable {
    private struct Parts {
        var router: RoomRouter?
        var group: ServiceGroup?
        var runTask: Task<Void, any Error>?
    }

    private let parts = NIOLockedValueBox(Parts())

    var router: RoomRouter? { parts.withLockedValue { $0.router } }
    var group: ServiceGroup? { parts.withLockedValue { $0.group } }
    var runTask: Task<Void, any Error>? { parts.withLockedValue { $0.runTask } }

    func set(router: RoomRouter, group: ServiceGroup, runTask: Task<Void, any Error>) {
        parts.withLockedValue { $0 = Parts(router: router, group: group, runTask: runTask) }
    }
}
