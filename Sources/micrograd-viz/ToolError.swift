import GraphRender

/// A failure the tool reports as one line on stderr, with the exit status that classifies it.
struct ToolError: Error {
    /// The line to print (without the `micrograd-viz: error:` prefix).
    let message: String
    /// The exit status (sysexits: 65 bad input data, 73 cannot create output, 74 I/O, 70 internal).
    let status: Int32

    /// Input that does not parse or make sense (EX_DATAERR).
    static func badInput(_ message: String) -> ToolError { ToolError(message: message, status: 65) }
    /// An output that cannot be written (EX_CANTCREAT).
    static func cannotWrite(_ message: String) -> ToolError { ToolError(message: message, status: 73) }
    /// An input that cannot be read (EX_IOERR).
    static func cannotRead(_ message: String) -> ToolError { ToolError(message: message, status: 74) }
    /// Graphviz failed on a graph the tool made (EX_SOFTWARE).
    static func graphviz(_ message: String) -> ToolError { ToolError(message: message, status: 70) }

    /// A drawing that was refused as too big (`advice` says how to draw it all the same) or that
    /// Graphviz failed to make.
    static func drawing(_ error: DrawingError, subject: String = "the picture", advice: String) -> ToolError {
        switch error {
        case .tooManyNodes(let count, let limit):
            badInput("\(subject) has \(count) nodes, more than the limit of \(limit): \(advice)")
        case .graphviz:
            graphviz("\(error)")
        }
    }
}
