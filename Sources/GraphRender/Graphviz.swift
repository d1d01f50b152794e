import CGraphviz
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure reported by Graphviz, as one line of text (never printed by us to stderr).
public struct GraphvizError: Error, CustomStringConvertible, Equatable {
    /// What kind of failure: the graph's fault (bad, over budget, reading files) or Graphviz's.
    public enum Kind: UInt8, Sendable {
        /// The DOT does not parse, or Graphviz reported an error about it (a bad label, an unknown engine).
        case badGraph = 1
        /// Refused before layout: past a size bound of the `RenderBudget` (nodes, edges, an attribute, a label, nesting).
        case overBudget = 2
        /// Refused before layout: the graph names a file for Graphviz to read, or carries a script URL.
        case readsFile = 3
        /// Graphviz crashed, or made an empty file.
        case failed = 4
        /// Refused before layout: more nodes than the caller's limit (`nodeCount`, `nodeLimit`).
        case tooManyNodes = 5
        /// The layout and render took longer than the budget's wall-clock or CPU time.
        case outOfTime = 6
        /// The layout and render needed more memory than the budget's.
        case outOfMemory = 7
    }

    /// What went wrong, on one line, e.g. "syntax error in line 1 near 'x'".
    public let message: String
    /// Whose fault it is.
    public let kind: Kind
    /// For `tooManyNodes`: the graph's nodes and the limit it was given (0 otherwise).
    public let nodeCount: Int, nodeLimit: Int
    /// The message itself.
    public var description: String { message }

    /// An error with this (already clean) message.
    init(_ message: String, kind: Kind = .badGraph) {
        self.message = message
        self.kind = kind
        nodeCount = 0
        nodeLimit = 0
    }

    /// The refusal of a graph of `count` nodes, more than `limit`.
    init(nodes count: Int, limit: Int) {
        message = "the graph has \(count) nodes, more than the limit of \(limit)"
        kind = .tooManyNodes
        nodeCount = count
        nodeLimit = limit
    }
}

/// The output of a render: the bytes, and a note when the picture was scaled down.
public struct Rendering: Sendable {
    /// The rendered file (SVG text, PNG or PDF bytes, ...).
    public let bytes: [UInt8]
    /// Set when a bitmap was rendered at a lower dpi to stay under the pixel cap.
    public let note: String?
}

/// In-process Graphviz (libgvc). libgvc is not thread-safe, so every call into it goes through `lock`.
public enum Graphviz {
    /// Output formats this build accepts (at least "svg", "png", "pdf", "dot", "xdot", "json", "plain").
    ///
    /// Only formats that write a file are offered (never viewers such as "x11" or "gtk").
    public static let formats: [String] = {
        let available = Set(pluginNames("device"))
        return ["svg", "png", "jpg", "gif", "webp", "pdf", "ps", "eps",
                "dot", "canon", "xdot", "json", "plain", "plain-ext"].filter(available.contains)
    }()

    /// Layout engines this build has ("dot", "neato", ...).
    public static let engines = pluginNames("layout")

    /// Formats rendered as bitmaps, whose size is capped.
    private static let bitmapFormats: Set<String> = ["png", "jpg", "gif", "webp"]

    /// Lays out DOT text with `engine` and renders it to `format`. Graphs of more than `maxNodes`
    /// nodes are refused before layout (which can take hours on huge graphs), and so are graphs past
    /// a size bound of `budget`. The parse, the checks, the layout and the render all run in a child
    /// process under the budget's time and memory (see `Isolation`; unless `budget.inProcess`), so
    /// that a Graphviz crash or runaway layout becomes a `failed` error. After `prepare()`, that child is the
    /// render process it started, which checks the same and answers the same.
    ///
    /// Bitmap formats (png) are capped at `maxPixels` total pixels: if the layout would be larger,
    /// the graph is re-rendered at a lower dpi so it fits, and `note` says so
    /// ("scaled to W×H px to stay under N pixels"). An empty file is an error.
    public static func render(
        dot: String, format: String, engine: String = "dot", maxPixels: Int = 40_000_000, maxNodes: Int = .max,
        budget: RenderBudget = .standard
    ) throws(GraphvizError) -> Rendering {
        if !budget.inProcess, let answer = RenderProcess.render(RenderRequest(dot: dot, format: format, engine: engine, maxPixels: maxPixels,
                                                                              maxNodes: maxNodes, budget: budget)) {
            return try answer.get()
        }
        guard formats.contains(format) else { throw GraphvizError("unknown output format \"\(format)\"") }
        guard engines.contains(engine) else { throw GraphvizError("unknown layout engine \"\(engine)\"") }
        return try withGraphviz { gvc throws(GraphvizError) in
            let draw = { (exits: Bool) throws(GraphvizError) -> Rendering in
                try renderHere(gvc, dot: dot, format: format, engine: engine, maxPixels: maxPixels, maxNodes: maxNodes,
                               budget: budget, exits: exits)
            }
            // Forked while the lock is held, so the child finds it free of other threads; the DOT
            // text is parsed only there, so nothing of it is left to free on this side.
            return try budget.inProcess ? draw(false) : Isolation.run(budget) { () throws(GraphvizError) in try draw(true) }
        }
    }

    /// Parses, checks, lays out and renders in this process, the Graphviz lock held. `exits`: the
    /// process ends after this render (a child of `Isolation.run`), so the graph and its layout are
    /// not freed — on a 6k-node graph that is ~9% of the work, which `dot` skips for its last graph too.
    private static func renderHere(
        _ gvc: OpaquePointer, dot: String, format: String, engine: String, maxPixels: Int, maxNodes: Int,
        budget: RenderBudget, exits: Bool
    ) throws(GraphvizError) -> Rendering {
        LayoutHeap.prepare(dotBytes: dot.utf8.count, addressSpace: budget.addressSpace)
        let graph = try parse(dot)
        defer { if !exits { agclose(graph) } }
        let nodes = Int(agnnodes(graph))
        guard nodes <= maxNodes else {
            throw GraphvizError(nodes: nodes, limit: maxNodes)
        }
        try budget.check(graph)
        let fontSize = try largestFontSize(graph)
        defer { if !exits { gvFreeLayout(gvc, graph) } }  // runs before agclose; harmless when there is no layout
        try layout(gvc, graph, engine)
        try checkScale(graph, format: format, fontSize: fontSize)
        var note: String?
        if bitmapFormats.contains(format), let fit = try fittingDPI(graph, maxPixels: maxPixels) {
            gv_set(graph, "dpi", String(fit.dpi))
            gvFreeLayout(gvc, graph)
            try layout(gvc, graph, engine)
            note = "scaled to \(fit.width)×\(fit.height) px to stay under \(maxPixels) pixels"
        }
        let bytes = try renderData(gvc, graph, format)
        guard !bytes.isEmpty else {
            throw GraphvizError("Graphviz made an empty \(format) file (a size, ratio, width or height it cannot draw)",
                                kind: .failed)
        }
        return Rendering(bytes: bytes, note: note)
    }

    /// Starts the process that will lay out and render this process's pictures, so that it loads
    /// Graphviz's plugins and fonts (most of a small picture's time) while the caller goes on with
    /// its own work; `render` then hands it each picture, under that picture's budget, where it
    /// would otherwise fork a child for one (see `RenderProcess`). Call it early, while the process
    /// has one thread (a fork copies only the calling thread), and only when a picture is likely:
    /// an unused render process ends with its parent.
    public static func prepare() {
        RenderProcess.start()
    }

    /// Parses DOT text and checks it with zero Graphviz errors (no layout); throws the first error message.
    public static func validate(dot: String) throws(GraphvizError) {
        try withGraphviz { _ throws(GraphvizError) in
            let graph = try parse(dot)
            agclose(graph)
        }
    }
}

// MARK: - Locked access

/// The process-wide lock around every Graphviz call, guarding the one context (created on first use).
private let lock = Mutex<OpaquePointer?>(nil)

/// One message Graphviz reported: its level and its text.
private struct Report {
    var isError: Bool
    var text: String
}

/// Messages reported since the last reset. Written by `collect`, which Graphviz calls while we hold `lock`.
nonisolated(unsafe) private var reports: [Report] = []

/// The Graphviz error callback. A message comes in pieces: "Error" or "Warning", then ": ", then the
/// text, possibly followed by continuation pieces.
private func collect(_ piece: UnsafeMutablePointer<CChar>?) -> Int32 {
    let piece = piece.map { String(cString: $0) } ?? ""
    switch piece {
    case "Error", "Warning":
        reports.append(Report(isError: piece == "Error", text: ""))
    case ": " where reports.last?.text.isEmpty == true:
        break
    default:
        if reports.isEmpty { reports.append(Report(isError: false, text: "")) }
        reports[reports.count - 1].text += piece
    }
    return 0
}

/// Runs `body` under the lock with the shared context, with Graphviz's error state reset.
private func withGraphviz<Result: Sendable>(
    _ body: (OpaquePointer) throws(GraphvizError) -> Result
) throws(GraphvizError) -> Result {
    try lock.withLock { (context) throws(GraphvizError) -> Result in
        if context == nil {
            _ = agseterrf(collect)
            context = gvContext()
        }
        guard let gvc = context else { throw GraphvizError("could not create a Graphviz context") }
        agreseterrors()
        reports.removeAll()
        return try body(gvc)
    }
}

/// The first error Graphviz reported (or else its first message, or else `fallback`), on one clean line.
private func failure(_ fallback: String) -> GraphvizError {
    let report = reports.first(where: \.isError) ?? reports.first
    let line = (report?.text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return GraphvizError(line.isEmpty ? fallback : line)
}

// MARK: - Steps of a render (call only under the lock)

/// The names of the installed plugins of one kind ("device", "layout", ...).
private func pluginNames(_ kind: String) -> [String] {
    let names = try? withGraphviz { gvc throws(GraphvizError) -> [String] in
        var count: Int32 = 0
        guard let list = gvPluginList(gvc, kind, &count, nil) else { return [] }
        defer { free(list) }
        return (0..<Int(count)).compactMap { index in
            guard let name = list[index] else { return nil }
            defer { free(name) }
            return String(cString: name)
        }
    }
    return names ?? []
}

/// Reads one graph from DOT text into memory of its own (CGraphviz's graph_memory.h: the order of
/// the clusters Graphviz draws must not depend on what this process allocated before); the caller closes it.
private func parse(_ dot: String) throws(GraphvizError) -> UnsafeMutablePointer<Agraph_t> {
    let bytes = dot.utf8.count
    let graph = gv_read(dot, min(bytes, graphMemoryLimit / graphMemoryPerDOTByte) * graphMemoryPerDOTByte + (1 << 20),
                        LayoutHeap.prefersHugePages(dotBytes: bytes) ? 1 : 0)
    aglexbad()
    guard let graph, agerrors() == 0 else {
        if let graph { agclose(graph) }
        throw failure("no graph found in the DOT text")
    }
    return graph
}

/// The region a graph's memory is read into, per byte of its DOT text (~17 are used by the time it is
/// laid out and rendered, on the MLP pictures), plus 1 MiB, and at most `graphMemoryLimit`. It is
/// address space only until used; past it, cgraph's memory comes from calloc.
private let graphMemoryPerDOTByte = 32
private let graphMemoryLimit = 1 << 30

/// Lays out `graph` with `engine`; the caller frees the layout.
private func layout(_ gvc: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, _ engine: String) throws(GraphvizError) {
    guard gvLayout(gvc, graph, engine) == 0, agerrors() == 0 else { throw failure("layout with \(engine) failed") }
}

/// Renders a laid-out graph to `format`, freeing Graphviz's buffer on every path.
private func renderData(_ gvc: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, _ format: String) throws(GraphvizError) -> [UInt8] {
    var buffer: UnsafeMutablePointer<CChar>?
    var length: UInt32 = 0
    let status = gvRenderData(gvc, graph, format, &buffer, &length)
    defer { gvFreeRenderData(buffer) }
    guard status == 0, agerrors() == 0, let buffer else { throw failure("rendering to \(format) failed") }
    return Array(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
}
