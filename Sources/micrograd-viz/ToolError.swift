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
        case .graphviz(let error) where error.kind == .badGraph:
            graphviz("\(DrawingError.graphviz(error))")
        case .graphviz(let error):
            rendering(error)
        }
    }

    /// A render that failed: status 65 when the graph was refused or is bad, 70 when Graphviz
    /// failed; with the option that lifts the bound when there is one.
    static func rendering(_ error: GraphvizError, in subject: String? = nil) -> ToolError {
        let line = (subject.map { "\($0): " } ?? "") + error.message
        switch error.kind {
        case .badGraph, .overBudget:
            return badInput(line + (error.message.contains("more than the limit") ? ": use --force to lay it out anyway" : ""))
        case .readsFile:
            return badInput(line + " (render --allow-files lets a DOT file you trust do it)")
        case .failed:
            let option = error.message.hasPrefix("the layout took longer") || error.message.contains("CPU budget") ? " (--timeout raises it)"
                : error.message.contains("out of memory") ? " (--memory-limit raises it)" : ""
            return graphviz(line + option)
        }
    }
}
