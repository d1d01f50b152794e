import Expression
import GraphRender
import Micrograd

/// Every call the playground makes into the engine and the renderer, in one place: parse and
/// build the program, draw it, take the nodes and the walkthrough's steps.
///
/// Runs only on the render queue (libgvc is not thread-safe, and a graph is not shared).
enum Engine {
    /// The answer to `POST /api/graph`, `{nodes, edges, svg, steps, …}` (see `GraphAnswer`).
    /// With a `worker`, Graphviz runs there; without one, on the calling thread.
    static func graph(_ request: GraphRequest, maxNodes: Int, worker: WorkerProcess? = nil) throws(PlaygroundError) -> GraphAnswer {
        let built = try build(request)
        let svg = try draw(built.root, request, format: .svg, maxNodes: maxNodes, worker: worker)
        let walkthrough = Walkthrough([built.root])
        // The numbers the picture shows: every grad 0 before backward, backward's after it.
        let snapshot = request.stage == .forward ? Snapshot(of: [built.root], grads: false) : walkthrough.snapshot
        return GraphAnswer(snapshot: snapshot, inputs: built.inputs, svg: svg, walkthrough: walkthrough, precision: precision)
    }

    /// The file `expr … --FORMAT` writes for the request (SVG, PNG or DOT), byte for byte.
    /// With a `worker`, Graphviz runs there; without one, on the calling thread.
    static func picture(_ request: GraphRequest, format: OutputFormat, maxNodes: Int,
                        worker: WorkerProcess? = nil) throws(PlaygroundError) -> [UInt8] {
        try draw(try build(request).root, request, format: format, maxNodes: maxNodes, worker: worker)
    }

    /// What one picture may cost Graphviz. The playground lays out only DOT it wrote itself (its
    /// labels are the language's names, its attributes the writer's), under the size bounds and
    /// the server's node limit, so it renders without a child per render (forking one from a
    /// server with many threads cost ten times the render itself): in the long-lived worker
    /// (`WorkerProcess`), or in-process on the one render thread.
    static let budget: RenderBudget = {
        var budget = RenderBudget(wallSeconds: 5)
        budget.inProcess = true
        return budget
    }()

    /// Decimals of the pictures' numbers, as the CLI's default.
    static let precision = DOTOptions().precision

    private static func build(_ request: GraphRequest) throws(PlaygroundError) -> BuiltProgram {
        let program: Program
        do { program = try Program(parsing: request.program) } catch {
            throw .syntax(error.message, line: error.line, column: error.column)
        }
        var random = PythonRandom(seed: GraphRequest.seed)
        do {
            return try program.build(inputs: InputFilter.taken(by: program, from: request.inputs), random: &random)
        } catch {
            throw .syntax(error.message, line: error.location?.line, column: error.location?.column)
        }
    }

    /// The picture's bytes. With a `worker`, the picture's DOT text is made here (under the node
    /// limit) and laid out and rendered by the worker, which gives the same bytes.
    private static func draw(_ root: Value, _ request: GraphRequest, format: OutputFormat,
                             maxNodes: Int, worker: WorkerProcess?) throws(PlaygroundError) -> [UInt8] {
        let style = DOTOptions(rankdir: request.rankdir, precision: precision, color: request.color)
        let local = worker == nil || format == .dot
        let picture = PictureRequest(stage: request.stage, style: style, format: local ? format : .dot, nodeLimit: maxNodes,
                                     budget: budget)
        let drawn: [UInt8]
        do { drawn = try Picture.draw([root], picture).bytes } catch { throw refusal(error) }
        guard let worker, !local else { return drawn }
        let asked = RenderRequest(dot: String(decoding: drawn, as: UTF8.self), format: format.rawValue, maxNodes: maxNodes,
                                  budget: budget)
        let answer = try worker.render(asked)
        do { return try answer.get().bytes } catch { throw refusal(.graphviz(error)) }
    }

    /// The answer to a picture that could not be drawn.
    private static func refusal(_ error: PictureError) -> PlaygroundError {
        switch error {
        case .tooManyNodes(let count, let limit): .tooManyNodes(count: count, limit: limit)
        case .graphviz(let failure) where [.overBudget, .outOfTime, .outOfMemory].contains(failure.kind):
            .overBudget(failure.message)
        case .unavailable, .graphviz: .graphviz("\(error)")
        }
    }
}
