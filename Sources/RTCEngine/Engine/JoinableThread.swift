import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A named OS thread that is joined (pthread_join) when stopped: the engine's capture and
/// playout threads, so that after `onExitRoom` none of them is left.
final class JoinableThread: @unchecked Sendable {  // `thread` is written in init and read by join, on the owner's thread.
    private var thread: pthread_t?
    private let body: Body

    private final class Body {
        let name: String
        let run: () -> Void
        init(name: String, run: @escaping () -> Void) {
            self.name = name
            self.run = run
        }
    }

    /// Starts a thread named `name` (at most 15 characters are kept) running `body`.
    init(name: String, body: @escaping @Sendable () -> Void) {
        self.body = Body(name: name, run: body)
        let context = Unmanaged.passRetained(self.body).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { raw in
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            Thread.current.name = String(body.name.prefix(15))
            body.run()
            return nil
        }, context)
        precondition(result == 0, "pthread_create failed: \(result)")
        thread = handle
    }

    /// Waits for the thread's body to return and the thread to end.
    func join() {
        guard let thread else { return }
        self.thread = nil
        pthread_join(thread, nil)
    }
}
