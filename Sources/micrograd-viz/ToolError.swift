import GraphRender

/// A failure the tool reports as one line on stderr, with the exit status that classifies it.
struct ToolError: Error {
    /// The line to print (without the `micrograd-viz: error:` prefix).
    let message: String
    /// The exit status.
    let status: ExitStatus

    /// Input that does not parse or make sense.
    static func badInput(_ message: String) -> ToolError { ToolError(message: message, status: .badInput) }
    /// An output that cannot be written.
    static func cannotWrite(_ message: String) -> ToolError { ToolError(message: message, status: .cannotWrite) }
    /// An input that cannot be read.
    static func cannotRead(_ message: String) -> ToolError { ToolError(message: message, status: .cannotRead) }

    /// A picture that was refused as too big (`advice` says how to draw it all the same), or
    /// that could not be made; `subject` names what was drawn.
    static func picture(_ error: PictureError, subject: String = "the picture", advice: String) -> ToolError {
        switch error {
        case .tooManyNodes(let count, let limit):
            badInput("\(subject) has \(count) nodes, more than the limit of \(limit): \(advice)")
        case .unavailable:
            ToolError(message: "\(error)", status: .usage)
        case .graphviz:
            ToolError(message: "\(error)", status: .software)
        }
    }
}
