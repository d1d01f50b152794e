import Micrograd

/// The one way from a computation, or from DOT text, to a file: `expr`, `mlp`, `render`, the
/// walkthrough page and the playground all come here.
///
/// The caller's graph is never changed: the stage before backward shows every grad as 0, and
/// the stage after backward runs `backward()` on a copy, from zero grads. The view is built
/// once, its node count checked against the request's limit before any layout, and the DOT
/// text laid out and rendered by Graphviz only when the format needs it.
public enum Picture {
    /// The picture of what `roots` depend on (one root, or a network's outputs; backward runs
    /// from each in turn, which gives the grads of their sum).
    public static func draw(_ roots: [Value], _ request: PictureRequest) throws(PictureError) -> Rendering {
        let (before, after) = stages(roots, request.stage)
        if request.format == .json {
            let text = before.map { JSONWriter.json(before: $0, after: after) } ?? JSONWriter.json(after)
            return Rendering(bytes: Array(text.utf8), note: nil)
        }
        let document = before.map { DOTDocument(before: $0, after: after, options: request.style) }
            ?? DOTDocument(after, options: request.style)
        return try render(document, request)
    }

    /// DOT text from elsewhere, laid out with `engine`; its nodes are counted as Graphviz reads them.
    /// The `dot` format is Graphviz's own output: the graph read, checked and laid out (positions
    /// included), as `dot -Tdot` writes it.
    public static func draw(dot: String, engine: String = "dot", _ request: PictureRequest) throws(PictureError) -> Rendering {
        guard request.format != .json else { throw .unavailable(.json) }
        return try graphviz(dot, engine: engine, request)
    }

    /// The walkthrough page of `roots`: every value (depth `op`), coloured by role (colour by
    /// grad would give the final grads away), laid out once and replayed by the page's script;
    /// with `quiz`, the page asks for each backward step's grads before it shows them.
    public static func walkthrough(_ roots: [Value], _ request: PictureRequest, quiz: Bool = false) throws(PictureError) -> String {
        var style = request.style
        style.depth = .op
        if style.color == .grad { style.color = .role }
        let walk = Walkthrough(roots)
        let svg = try render(DOTDocument(walk.snapshot, options: style),
                             PictureRequest(style: style, nodeLimit: request.nodeLimit, budget: request.budget))
        return walk.page(svg: String(decoding: svg.bytes, as: UTF8.self), precision: style.precision, quiz: quiz)
    }

    /// The snapshots a stage shows: the one before backward (both stages only) and the main one.
    static func stages(_ roots: [Value], _ stage: Stage) -> (before: Snapshot?, after: Snapshot) {
        precondition(!roots.isEmpty, "a picture needs a root")
        let zero = Snapshot(of: roots, grads: false)
        guard stage != .forward else { return (nil, zero) }
        let work = roots[0].graph.copy()
        work.zeroGrad()
        let twins = roots.map { work[$0.index] }
        for root in twins { root.backward() }
        return (stage == .both ? zero : nil, Snapshot(of: twins))
    }

    /// The one node guard for pictures of graphs, then the DOT text or Graphviz's rendering of it.
    private static func render(_ document: DOTDocument, _ request: PictureRequest) throws(PictureError) -> Rendering {
        let count = document.nodeCount
        guard count <= request.nodeLimit else { throw .tooManyNodes(count: count, limit: request.nodeLimit) }
        if request.format == .dot { return Rendering(bytes: Array(document.text.utf8), note: nil) }
        // Past the budget's size: refused before the DOT text is written (Graphviz would refuse it after parsing).
        do { try request.budget.check(nodes: count) } catch { throw .graphviz(error) }
        do {
            return try graphviz(document.text, engine: "dot", request)
        } catch .graphviz(let error) where document.tiesLayers && [.badGraph, .failed].contains(error.kind) {
            return try graphviz(document.untied.text, engine: "dot", request)  // see `DOTDocument.untied`
        }
    }

    /// Graphviz's rendering, its node guard's refusal as the same typed error as ours; TikZ is
    /// written from Graphviz's `json` layout.
    private static func graphviz(_ dot: String, engine: String, _ request: PictureRequest) throws(PictureError) -> Rendering {
        let format = request.format == .tikz ? "json" : request.format.rawValue
        let rendering: Rendering
        do {
            rendering = try Graphviz.render(dot: dot, format: format, engine: engine, maxNodes: request.nodeLimit,
                                            budget: request.budget)
        } catch {
            if error.kind == .tooManyNodes { throw .tooManyNodes(count: error.nodeCount, limit: error.nodeLimit) }
            throw .graphviz(error)
        }
        guard request.format == .tikz else { return rendering }
        guard let tikz = TikZ.picture(layout: String(decoding: rendering.bytes, as: UTF8.self), standalone: request.standalone) else {
            throw .graphviz(GraphvizError("its json layout could not be read"))
        }
        return Rendering(bytes: Array(tikz.utf8), note: rendering.note)
    }
}
