import Foundation

/// Fails the program when it runs longer than a limit, so that an example never hangs.
public enum Watchdog {
    /// How much longer than usual to wait, everywhere: `EXAMPLES_PATIENCE` (a factor ≥ 1, 1 by default),
    /// for loaded machines such as a CI runner building other things at the same time.
    public static let patience: Double = {
        let value = ProcessInfo.processInfo.environment["EXAMPLES_PATIENCE"].flatMap(Double.init) ?? 1
        return max(1, value)
    }()

    /// Starts the limit now; after `seconds` (times ``patience``), ``fail(_:)`` ends the program naming `what`.
    /// It also starts the ``Console`` clock: the program's first line starts both.
    public static func start(_ what: String, seconds: Double) {
        Console.startClock()
        let limit = seconds * patience
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: limit)
            fail("\(what) did not finish within \(Int(limit)) s (watchdog)")
        }
    }
}
