/// A mistake in the program text, with the place it was found.
public struct SyntaxError: Error, CustomStringConvertible {
    /// What is wrong, naming the offending text.
    public let message: String
    /// The 1-based line of the mistake.
    public let line: Int
    /// The 1-based column of the mistake, in characters of the line.
    public let column: Int
    /// Two lines for callers that want to show them: the source line (an excerpt of it
    /// if it is long) and a `^` under the column.
    public let caret: String

    /// One line: `line L, column C: MESSAGE`.
    public var description: String { "line \(line), column \(column): \(message)" }

    /// Creates an error at `location`, which is byte `offset` of the UTF-8 `source`.
    ///
    /// Only a comment can put non-ASCII on the line before `offset` (the lexer rejects it
    /// elsewhere, and comments end their line), so bytes and characters differ only there.
    init(_ message: String, at location: SourceLocation, offset: Int, in source: UnsafeBufferPointer<UInt8>) {
        self.message = message
        line = location.line
        column = location.column
        var lineStart = offset
        while lineStart > 0, source[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        caret = Self.caret(at: offset, lineStart: lineStart, in: source)
    }

    /// At most this many bytes of the line are shown before and after the column.
    private static let context = 60

    private static func caret(at offset: Int, lineStart: Int, in source: UnsafeBufferPointer<UInt8>) -> String {
        var from = max(lineStart, offset - context)
        while from < offset, source[from] & 0xC0 == 0x80 { from += 1 }  // start at a whole character
        var to = offset
        while to < source.count, to - offset < context, source[to] != UInt8(ascii: "\n") { to += 1 }
        while to < source.count, source[to] & 0xC0 == 0x80 { to += 1 }  // finish a multi-byte character
        var shown = source[from..<to]
        while shown.last == UInt8(ascii: "\r") { shown = shown.dropLast() }
        let cutLeft = from > lineStart
        let cutRight = to < source.count && source[to] != UInt8(ascii: "\n") && source[to] != UInt8(ascii: "\r")
        let padding = (cutLeft ? "   " : "") + String(source[from..<offset].compactMap { (byte: UInt8) -> Character? in
            byte & 0xC0 == 0x80 ? nil : byte == UInt8(ascii: "\t") ? "\t" : " "  // one per character
        })
        let text = (cutLeft ? "..." : "") + String(decoding: shown, as: UTF8.self) + (cutRight ? "..." : "")
        return text + "\n" + padding + "^"
    }
}
