/// A mistake in the program text, with the place it was found.
public struct SyntaxError: Error, CustomStringConvertible {
    /// What is wrong, naming the offending text.
    public let message: String
    /// The 1-based line of the mistake.
    public let line: Int
    /// The 1-based column of the mistake, in characters of the line.
    public let column: Int
    /// One line: `line L, column C: MESSAGE`.
    public var description: String { "line \(line), column \(column): \(message)" }

    /// Creates an error at `location`.
    init(_ message: String, at location: SourceLocation) {
        self.message = message
        line = location.line
        column = location.column
    }
}
