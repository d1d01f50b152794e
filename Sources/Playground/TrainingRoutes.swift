import GraphRender
import HTTPTypes
import Hummingbird
import NIOCore

/// The Network view's endpoints (see the README's training API):
/// - `GET /training-view.js`: the script that draws a run (shared with the exported animation);
/// - `GET /api/train`: `{"sessions": N, "limit": M}`;
/// - `POST /api/train`: a `TrainingRequest` → a new session, its graph and first frame;
/// - `GET /api/train/events?session=ID`: the session's frames as server-sent events; the session
///   lives while this stream is open and ends when it closes;
/// - `POST /api/train/control`: `{"session", "action", …}` → the frame the action produced;
/// - `GET /api/train/export?session=ID`: the run so far as one self-contained HTML animation.
enum TrainingRoutes {
    /// The paths, with their methods, for the gate.
    static let paths: [String: [HTTPRequest.Method]] = [
        "/training-view.js": [.get], "/api/train": [.get, .post], "/api/train/events": [.get], "/api/train/control": [.post], "/api/train/export": [.get],
    ]

    /// Adds the endpoints; the sample graph is laid out on `queue`, training runs on `sessions`' threads.
    static func add(to router: Router<PlaygroundContext>, queue: RenderQueue, sessions: Sessions, maxNodes: Int) {
        router.get("/training-view.js") { _, _ in
            Reply.ok(Array(TrainingEngine.viewScript.utf8), type: "text/javascript; charset=utf-8")
        }
        router.get("/api/train") { _, _ in
            Reply.json(JSON.object(["sessions": JSON.number(sessions.count), "limit": JSON.number(sessions.capacity)]) + "\n")
        }
        router.post("/api/train") { request, context in
            let asked = try await request.decode(as: TrainingRequest.self, context: context)
            guard sessions.count < sessions.capacity else { throw PlaygroundError.sessionsFull(limit: sessions.capacity) }
            let svg = try await queue.run { () throws(PlaygroundError) in
                try TrainingEngine.layout(asked.plan, sample: asked.sample, maxNodes: maxNodes)
            }
            let session = try await sessions.run { () throws(PlaygroundError) in
                TrainingSession(id: sessions.newID(), plan: asked.plan, sample: asked.sample, speed: asked.speed, svg: svg)
            }
            try sessions.admit(session)
            let frame = try await sessions.run { () throws(PlaygroundError) in session.frame }
            return Reply.json(start(session, frame: frame))
        }
        router.get("/api/train/events") { request, _ in
            let session = try sessions.attach(try id(request.uri.queryParameters["session"].map(String.init)))
            var headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
            headers.append(contentsOf: Reply.securityHeaders.filter { $0.name != .cacheControl })
            return Response(status: .ok, headers: headers, body: stream(session, sessions))
        }
        router.post("/api/train/control") { request, context in
            let control = try await request.decode(as: TrainingControl.self, context: context)
            let session = try sessions.session(control.session)
            if control.action == .close {
                session.close()
                return Reply.json(JSON.object(["closed": JSON.bool(true)]) + "\n")
            }
            return Reply.json(try await sessions.run { () throws(PlaygroundError) in try session.perform(control.action) } + "\n")
        }
        router.get("/api/train/export") { request, _ in
            let session = try sessions.session(try id(request.uri.queryParameters["session"].map(String.init)))
            let page = try await sessions.run { () throws(PlaygroundError) in session.animation }
            return Reply.ok(Array(page.utf8), type: "text/html; charset=utf-8",
                            extra: [.contentDisposition: "attachment; filename=\"training.html\""])
        }
    }

    private static func id(_ value: String?) throws(PlaygroundError) -> String {
        guard let value, !value.isEmpty else { throw .badRequest("give the session, as ?session=ID") }
        return value
    }

    /// `{"session", "svg", "labels", "xs", "ys", "steps", "speed", "frame"}`.
    private static func start(_ session: TrainingSession, frame: String) -> String {
        func axis(_ values: [Double]?) -> String { values.map(JSON.numbers) ?? "null" }
        return JSON.object(["session": JSON.string(session.id), "title": JSON.string(session.title),
                            "svg": JSON.string(session.svg), "labels": JSON.array(session.labels.map(JSON.string)),
                            "xs": axis(session.grid?.xs), "ys": axis(session.grid?.ys), "steps": JSON.number(session.plan.steps),
                            "speed": JSON.number(session.speed), "frame": frame]) + "\n"
    }

    /// Quiet time between keep-alive comments while paused, which also notice a closed connection.
    static let keepAlive = Duration.milliseconds(250)

    /// The event stream: every frame a control produced, and while playing one step after another
    /// at most `speed` a second (each written before the next is computed, so a slow page slows
    /// the run rather than falling behind). Ends, and frees the session, when the connection or
    /// the session closes.
    private static func stream(_ session: TrainingSession, _ sessions: Sessions) -> ResponseBody {
        ResponseBody { writer in
            defer { sessions.remove(session.id) }
            func send(_ frame: String) async throws { try await writer.write(ByteBuffer(string: "data: " + frame + "\n\n")) }
            try await writer.write(ByteBuffer(string: ": open\n\n"))
            let interval = Duration.seconds(1) / session.speed
            var quiet = Duration.zero
            while !session.closed {
                for frame in session.takeOutbox() { try await send(frame) }
                if session.playing {
                    let start = ContinuousClock.now
                    if let frame = try await sessions.run({ () throws(PlaygroundError) in session.play() }) { try await send(frame) }
                    try await Task.sleep(until: start + interval)
                    quiet = .zero
                } else {
                    try await Task.sleep(for: .milliseconds(10))
                    quiet += .milliseconds(10)
                    if quiet >= keepAlive {
                        try await writer.write(ByteBuffer(string: ": idle\n\n"))
                        quiet = .zero
                    }
                }
            }
            for frame in session.takeOutbox() { try await send(frame) }
            try await writer.finish(nil)
        }
    }
}

/// The body of `POST /api/train/control`: `{"session": ID, "action": "play" | "pause" | "step" |
/// "reset" | "close" | "add" | "delete", "x", "y", "class" (add: 1 or -1), "index" (delete)}`.
struct TrainingControl: Decodable, Sendable {
    /// The session.
    let session: String
    /// What to do.
    let action: TrainingSession.Action

    private enum Key: String, CodingKey { case session, action, x, y, `class`, index }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: Key.self)
        session = try fields.decode(String.self, forKey: .session)
        let name = try fields.decode(String.self, forKey: .action)
        switch name {
        case "play": action = .play
        case "pause": action = .pause
        case "step": action = .step
        case "reset": action = .reset
        case "close": action = .close
        case "add":
            guard let x = try? fields.decode(Double.self, forKey: .x), let y = try? fields.decode(Double.self, forKey: .y),
                  let label = try? fields.decode(Int.self, forKey: .class), label == 1 || label == -1 else {
                throw PlaygroundError.badRequest("add takes x and y (numbers) and class (1 or -1)")
            }
            action = .add(x: x, y: y, positive: label == 1)
        case "delete":
            guard let index = try? fields.decode(Int.self, forKey: .index) else {
                throw PlaygroundError.badRequest("delete takes index, the point's place in the data (from 0)")
            }
            action = .delete(index: index)
        default:
            throw PlaygroundError.badRequest("action must be play, pause, step, reset, close, add or delete, not \(JSON.string(name))")
        }
    }
}
