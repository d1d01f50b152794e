import Micrograd

/// A file format the tool writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Graphviz DOT text: the default, for `| dot -Tpng` and friends.
    case dot
    /// SVG, rendered in-process.
    case svg
    /// PNG, rendered in-process, capped in size.
    case png
    /// PDF, rendered in-process.
    case pdf
    /// The graph as JSON (ids, labels, ops, data, grads, children).
    case json

    /// The format a file name's extension names: `.dot`/`.gv`, `.svg`, `.png`, `.pdf`, `.json`.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "dot", "gv": self = .dot
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "json": self = .json
        default: return nil
        }
    }

    /// Whether the bytes are not text (and so must not go to a terminal).
    public var isBinary: Bool { self == .png || self == .pdf }
}

/// Which moment of the computation a picture shows.
public enum Stage: String, Sendable, CaseIterable {
    /// Before backward: every grad is 0.
    case forward
    /// After `backward()` from the root.
    case backward
    /// Both, side by side.
    case both
}

/// Why a drawing was not made.
public enum DrawingError: Error, CustomStringConvertible {
    /// The picture would have more nodes than the limit.
    case tooManyNodes(count: Int, limit: Int)
    /// Graphviz failed.
    case graphviz(GraphvizError)

    /// One line for the user.
    public var description: String {
        switch self {
        case .tooManyNodes(let count, let limit):
            "the picture has \(count) nodes, more than the limit of \(limit)"
        case .graphviz(let error):
            "Graphviz failed: \(error)"
        }
    }
}

/// Turns a computation into a file: runs backward as the stage asks, takes the snapshots,
/// and writes DOT or JSON, or renders through Graphviz.
public enum Drawing {
    /// The file for `roots` (one root, or a network's outputs; backward runs from each in
    /// turn, which gives the grads of their sum). Pictures (not JSON) with more than
    /// `maxNodes` nodes are refused; rendered ones are laid out under `budget`.
    public static func draw(_ roots: [Value], stage: Stage, format: OutputFormat,
                            options: DOTOptions = DOTOptions(), maxNodes: Int = .max,
                            budget: RenderBudget = .standard) throws(DrawingError) -> Rendering {
        let before = Snapshot(of: roots)
        if format != .json {
            // Refuse before any more work: the node count does not depend on the stage's numbers.
            let count = DOTWriter.nodeCount(before, depth: options.depth) * (stage == .both ? 2 : 1)
            guard count <= maxNodes else { throw .tooManyNodes(count: count, limit: maxNodes) }
            if format != .dot {  // only what Graphviz lays out is under its budget
                do { try budget.check(nodes: count) } catch { throw .graphviz(error) }
            }
        }
        var after = before
        if stage != .forward {
            for root in roots { root.backward() }
            after = Snapshot(of: roots)
        }
        if format == .json {
            let text = stage == .both ? JSONWriter.json(before: before, after: after) : JSONWriter.json(after)
            return Rendering(bytes: Array(text.utf8), note: nil)
        }
        let dot = stage == .both ? DOTWriter.dot(before: before, after: after, options: options)
                                 : DOTWriter.dot(after, options: options)
        if format == .dot { return Rendering(bytes: Array(dot.utf8), note: nil) }
        do {
            return try Graphviz.render(dot: dot, format: format.rawValue, budget: budget)
        } catch {
            throw .graphviz(error)
        }
    }
}
