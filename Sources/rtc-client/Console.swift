import Foundation
import NIOConcurrencyHelpers

/// Standard output shared by every client of the process: callback lines, and one status line
/// that redraws in place on a terminal (`\r` + ANSI erase-line) or prints as a plain line otherwise.
final class Console: Sendable {
    /// Whether standard output is a terminal (then the status line redraws in place).
    let isTerminal: Bool
    /// The status line currently drawn at the bottom of the terminal, if any.
    private let drawn = NIOLockedValueBox<String?>(nil)
    private static let eraseLine = "\r\u{1B}[2K"

    /// A console on standard output; `isTerminal` defaults to what `isatty` says.
    init(isTerminal: Bool = isatty(STDOUT_FILENO) == 1) {
        self.isTerminal = isTerminal
    }

    /// Prints one line; on a terminal the status line is erased first and drawn again below it.
    func line(_ text: String) {
        drawn.withLockedValue { status in
            var out = status == nil ? "" : Self.eraseLine
            out += text + "\n"
            if let status { out += status }
            Self.write(out)
        }
    }

    /// Shows the status: redrawn in place on a terminal, a plain line otherwise.
    func status(_ text: String) {
        guard isTerminal else { return line(text) }
        let fitted = String(text.prefix(Self.columns - 1))
        drawn.withLockedValue { status in
            status = fitted
            Self.write(Self.eraseLine + fitted)
        }
    }

    /// Removes the status line from a terminal (before the final lines).
    func clearStatus() {
        drawn.withLockedValue { status in
            if status != nil { Self.write(Self.eraseLine) }
            status = nil
        }
    }

    /// The terminal's width as the shell exports it, else 80: a longer status line would wrap and break the redraw.
    private static var columns: Int {
        ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).map { max(20, $0) } ?? 80
    }

    private static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
