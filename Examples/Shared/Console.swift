import Foundation
import NIOConcurrencyHelpers

/// The example's output: one line per event, stamped with the seconds since the program started.
public enum Console {
    private static let start = ContinuousClock.now

    /// Starts the clock the timestamps count from (the first use starts it otherwise).
    public static func startClock() {
        _ = start
    }
    private static let lock = NIOLock()

    /// Seconds since the program started.
    public static var elapsed: Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Prints `[  1.234 s] line` to standard output and flushes it, so lines keep their order in a pipe.
    public static func say(_ line: String) {
        let stamped = String(format: "[%7.3f s] ", elapsed) + line + "\n"
        lock.withLock {
            FileHandle.standardOutput.write(Data(stamped.utf8))
        }
    }
}

/// A duration as seconds with one decimal, e.g. "2.3 s".
public func seconds(_ duration: Duration) -> String {
    String(format: "%.1f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
}

/// Prints a line with a timestamp (see ``Console/say(_:)``).
public func say(_ line: String) {
    Console.say(line)
}

/// Prints `FAILED: message` on standard output and standard error and exits with status 1.
public func fail(_ message: String) -> Never {
    Console.say("FAILED: \(message)")
    FileHandle.standardError.write(Data("FAILED: \(message)\n".utf8))
    exit(1)
}
