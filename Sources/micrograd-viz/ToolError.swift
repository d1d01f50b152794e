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
    /// that could not be made; `subject` names what was drawn. A graph the tool made that
    /// Graphviz cannot read is the tool's fault (status 70); DOT the user gave (from `file`,
    /// named in the line) is the input's (65).
    static func picture(_ error: PictureError, subject: String = "the picture", advice: String, file: String? = nil) -> ToolError {
        switch error {
        case .tooManyNodes(let count, let limit):
            badInput("\(subject) has \(count) nodes, more than the limit of \(limit): \(advice)")
        case .unavailable:
            ToolError(message: "\(error)", status: .usage)
        case .graphviz(let error):
            rendering(error, in: file)
        }
    }

    /// A layout or render that failed: status 65 when the graph was refused or is bad, 70 when
    /// Graphviz failed; with the option that lifts the bound when there is one.
    private static func rendering(_ error: GraphvizError, in file: String?) -> ToolError {
        let line = (file.map { "\($0): " } ?? "") + error.message
        switch error.kind {
        case .badGraph where file == nil:
            return ToolError(message: "Graphviz failed: \(line)", status: .software)
        case .badGraph, .overBudget, .tooManyNodes:
            return badInput(line)
        case .readsFile:
            return badInput(line + " (render --allow-files lets a DOT file you trust do it)")
        case .outOfTime:
            return ToolError(message: line + " (--timeout raises it)", status: .software)
        case .outOfMemory:
            return ToolError(message: line + " (--memory-limit raises it)", status: .software)
        case .failed:
            return ToolError(message: line, status: .software)
        }
    }
}
