import Foundation
import GraphRender

/// Writing results: atomically to a file, or to stdout (never binary to a terminal).
enum Output {
    /// Writes `bytes` to `path` (temporary file in the same directory, then rename), or to
    /// stdout when `path` is nil. Nothing is left behind when writing fails.
    static func write(_ bytes: [UInt8], to path: String?, format: OutputFormat) throws {
        guard let path else {
            if format.isBinary && isatty(STDOUT_FILENO) == 1 {
                throw ToolError.badInput("refusing to write \(format.rawValue) to a terminal: use --out FILE or redirect stdout")
            }
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        try AtomicFile.write(bytes, to: path)
    }

    /// A note for the user on stderr.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("micrograd-viz: \(text)\n".utf8))
    }
}
