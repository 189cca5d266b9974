import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into a call instead of the default termination, so that the client
/// leaves the room cleanly (DispatchSource signal sources; the default handlers are ignored meanwhile).
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]
    private let queue = DispatchQueue(label: "rtc-client.signals")

    /// Calls `handler` with the signal's name for every SIGINT or SIGTERM until `cancel()`.
    init(handler: @escaping @Sendable (String) -> Void) {
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(name) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Stops watching and restores the default handlers.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
