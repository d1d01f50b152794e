#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress line on stderr for long runs, only when stderr is a terminal; at most ten
/// updates a second, erased when done.
struct Progress {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var last = ContinuousClock.now
    private var shown = false

    /// Shows `text` if a tenth of a second has passed since the last update.
    mutating func update(_ text: @autoclosure () -> String) {
        guard enabled, ContinuousClock.now - last > .milliseconds(100) else { return }
        last = .now
        shown = true
        System.standardError("\r\u{1B}[K\(text())")
    }

    /// Erases the line.
    func finish() {
        if shown { System.standardError("\r\u{1B}[K") }
    }
}
