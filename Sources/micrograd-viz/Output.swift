#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GraphRender

/// Writing results: atomically to a file, or to stdout (never binary to a terminal).
enum Output {
    /// Writes `bytes` to `path` (see `AtomicFile`), or to stdout when `path` is nil. Nothing is
    /// left behind when writing fails; a failed write to stdout is status 73.
    static func write(_ bytes: [UInt8], to path: String?, format: OutputFormat) throws {
        guard let path else {
            if format.isBinary && isatty(STDOUT_FILENO) == 1 {
                throw ToolError.badInput("refusing to write \(format.rawValue) to a terminal: use --out FILE or redirect stdout")
            }
            try System.standardOutput(bytes)
            return
        }
        try AtomicFile.write(bytes, to: path)
    }

    /// A note for the user on stderr, written when the run ends (`flushNotes`): after a success,
    /// or before the line of a failed check; an error drops them, so that it is the only line.
    static func note(_ text: String) {
        pendingNotes.append("micrograd-viz: \(ErrorText.oneLine(text))\n")
    }

    nonisolated(unsafe) private static var pendingNotes: [String] = []

    /// Writes the notes so far to stderr.
    static func flushNotes() {
        System.standardError(pendingNotes.joined())
        pendingNotes = []
    }
}
