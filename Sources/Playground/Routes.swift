import GraphRender
import HTTPTypes
import Hummingbird

/// The playground's endpoints:
/// - `GET /` the page, `GET /app.js`, `GET /style.css` its script and style (from the binary);
/// - `GET /healthz`: `{"status": "ok"}`;
/// - `POST /api/graph`: a `GraphRequest` → a `GraphAnswer`;
/// - `POST /api/picture`: a `GraphRequest` with `format` → the SVG, PNG or DOT file the CLI writes;
/// - `/api/train…`: the Network view's training sessions (`TrainingRoutes`).
enum Routes {
    /// The largest request body taken (64 KiB); a larger one gets 413.
    static let maxBody = 64 * 1024

    /// Each path with the methods it takes (the gate answers 404 and 405 from this).
    static let paths: [String: [HTTPRequest.Method]] = {
        var paths: [String: [HTTPRequest.Method]] = ["/": [.get], "/healthz": [.get], "/api/graph": [.post], "/api/picture": [.post]]
        for name in EmbeddedFiles.all.keys { paths["/" + name] = [.get] }
        return paths.merging(TrainingRoutes.paths) { a, _ in a }
    }()

    /// A router with every endpoint behind the gate; pictures of more than `maxNodes` nodes get 422.
    static func router(address: Address, queue: RenderQueue, sessions: Sessions, maxNodes: Int) -> Router<PlaygroundContext> {
        let router = Router(context: PlaygroundContext.self)
        router.add(middleware: Gate(address: address, paths: paths))
        router.get("/") { _, _ in page("index.html") }
        for name in EmbeddedFiles.all.keys {
            router.get(RouterPath("/" + name)) { _, _ in page(name) }
        }
        router.get("/healthz") { _, _ in Reply.json(JSON.object(["status": JSON.string("ok")]) + "\n") }
        router.post("/api/graph") { request, context in
            let asked = try await request.decode(as: GraphRequest.self, context: context)
            let answer = try await queue.render { worker throws(PlaygroundError) in
                try Engine.graph(asked, maxNodes: maxNodes, worker: worker).json
            }
            return Reply.json(answer)
        }
        router.post("/api/picture") { request, context in
            let asked = try await request.decode(as: GraphRequest.self, context: context)
            let bytes = try await queue.render { worker throws(PlaygroundError) in
                try Engine.picture(asked, format: asked.format, maxNodes: maxNodes, worker: worker)
            }
            return Reply.ok(bytes, type: contentTypes[asked.format.rawValue]!,
                            extra: [.contentDisposition: "attachment; filename=\"graph.\(asked.format.rawValue)\""])
        }
        TrainingRoutes.add(to: router, queue: queue, sessions: sessions, maxNodes: maxNodes)
        return router
    }

    /// Content types by file extension (page files) or picture format.
    private static let contentTypes = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "dot": "text/vnd.graphviz; charset=utf-8",
    ]

    private static func page(_ name: String) -> Response {
        let type = name.split(separator: ".").last.flatMap { contentTypes[String($0)] } ?? "application/octet-stream"
        return Reply.ok(Array(EmbeddedFiles.all[name]!.utf8), type: type)
    }
}

/// The request context: Hummingbird's basic one, with the playground's body limit for decoding.
struct PlaygroundContext: RequestContext {
    /// Hummingbird's per-request storage.
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies over 64 KiB are refused with 413.
    var maxUploadSize: Int { Routes.maxBody }
}
