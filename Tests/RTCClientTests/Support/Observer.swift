import Foundation
import RTCEngine
import NIOConcurrencyHelpers
import RTCTestSupport

/// A `TRTCCloud` in the test process that records every callback with the time it arrived.
final class Observer: Sendable {
    let cloud = TRTCCloud()
    private let log = NIOLockedValueBox<[(event: TRTCEvent, at: ContinuousClock.Instant)]>([])
    private let listener = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init() {
        let events = cloud.events
        listener.withLockedValue {
            $0 = Task { [weak self] in
                for await event in events { self?.log.withLockedValue { $0.append((event, .now)) } }
            }
        }
    }

    deinit {
        listener.withLockedValue { $0?.cancel() }
    }

    /// Every callback so far.
    var events: [TRTCEvent] { log.withLockedValue { $0.map(\.event) } }

    /// Waits for a callback that matches; returns it and when it arrived. Throws after `timeout`.
    @discardableResult
    func wait(for description: String, timeout: Duration = .seconds(30), _ predicate: (TRTCEvent) -> Bool) async throws -> (event: TRTCEvent, at: ContinuousClock.Instant) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let found = log.withLockedValue({ $0.first { predicate($0.event) } }) { return found }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw ProcessFailure(description: "no \(description) within \(timeout); got \(events)")
    }

    /// Enters `room` on `server` as `userId` (no audio published) and waits for `onEnterRoom`.
    func enter(_ server: ServerProcess, room: UInt32, as userId: String) async throws {
        cloud.enterRoom(
            TRTCParams(sdkAppId: ServerProcess.sdkAppId, userId: userId, userSig: ServerProcess.userSig(userId), roomId: room, serverURL: server.signalingURL),
            appScene: .audioCall)
        let (entered, _) = try await wait(for: "onEnterRoom") { if case .enterRoom = $0 { true } else { false } }
        guard case .enterRoom(let result) = entered, result > 0 else { throw ProcessFailure(description: "enter failed: \(events)") }
    }
}
