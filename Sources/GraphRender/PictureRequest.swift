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
    /// A TikZ `tikzpicture` laid out by Graphviz, for LaTeX (`.tex`).
    case tikz

    /// The format a file name's extension names: `.dot`/`.gv`, `.svg`, `.png`, `.pdf`, `.json`,
    /// `.tex` (any case); nil for another extension or none.
    public init?(path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "dot", "gv": self = .dot
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "json": self = .json
        case "tex": self = .tikz
        default: return nil
        }
    }

    /// Whether the bytes are not text (and so must not go to a terminal).
    public var isBinary: Bool { self == .png || self == .pdf }

    /// Whether Graphviz lays the picture out (svg, png, pdf, tikz); dot and json are written as text.
    public var isLaidOut: Bool { self != .dot && self != .json }
}

/// Which moment of the computation a picture shows.
public enum Stage: String, Sendable, CaseIterable {
    /// Before backward: every grad is 0.
    case forward
    /// After `backward()` from the root, from zero grads.
    case backward
    /// Both, side by side.
    case both
}

/// Everything a picture is made from besides the graph: which stage, how it looks, the format
/// and the largest number of nodes to lay out.
public struct PictureRequest: Sendable, Equatable {
    /// Which moment to draw.
    public var stage: Stage
    /// Depth, colours, direction and decimals.
    public var style: DOTOptions
    /// The file format.
    public var format: OutputFormat
    /// Pictures with more DOT nodes than this are refused before layout (JSON is not limited).
    public var nodeLimit: Int
    /// What Graphviz may spend laying the picture out: time, memory, size (not lifted by a
    /// higher `nodeLimit`).
    public var budget: RenderBudget
    /// For TikZ: a whole LaTeX document that `pdflatex` compiles alone, not just the picture.
    public var standalone = false

    /// A request; by default the SVG after backward, the lab's style, at most 5,000 nodes, the
    /// standard budget.
    public init(stage: Stage = .backward, style: DOTOptions = DOTOptions(), format: OutputFormat = .svg,
                nodeLimit: Int = 5000, budget: RenderBudget = .standard) {
        self.stage = stage
        self.style = style
        self.format = format
        self.nodeLimit = nodeLimit
        self.budget = budget
    }
}

/// Why a picture was not made.
public enum PictureError: Error, Equatable, CustomStringConvertible {
    /// The picture would have more nodes than the request's limit; nothing was laid out.
    case tooManyNodes(count: Int, limit: Int)
    /// The format cannot be made from this source (JSON describes a graph, not DOT text).
    case unavailable(OutputFormat)
    /// Graphviz failed.
    case graphviz(GraphvizError)

    /// One line for the user.
    public var description: String {
        switch self {
        case .tooManyNodes(let count, let limit):
            "the picture has \(count) nodes, more than the limit of \(limit)"
        case .unavailable(let format):
            "\(format.rawValue) cannot be made from DOT text: it describes graphs built by expr and mlp"
        case .graphviz(let error):
            "Graphviz failed: \(error)"
        }
    }
}
