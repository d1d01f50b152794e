import GraphRender

/// Why a request got no answer, with the HTTP status and the one-line JSON body it gets:
/// `{"error": "…"}` plus, for some, the fields that locate or size the problem.
enum PlaygroundError: Error, Equatable {
    /// 400: the body is not the JSON the endpoint takes.
    case badRequest(String)
    /// 400: the program does not parse or build; the place, when it has one.
    case syntax(String, line: Int?, column: Int?)
    /// 403: the request's Host or Origin is not this server's.
    case forbidden(String)
    /// 404: no such path.
    case notFound(path: String)
    /// 404: no such training session (it ended, its stream closed, or it never was).
    case noSession(String)
    /// 405: the path does not take this method.
    case methodNotAllowed(method: String, allowed: [String])
    /// 409: the request does not fit the session's state (a stream already open, the run done).
    case conflict(String)
    /// 413: the body is over the limit.
    case tooLarge(limit: Int)
    /// 422: the picture would have more nodes than the limit.
    case tooManyNodes(count: Int, limit: Int)
    /// 422: the picture is past the render budget (its size, or the time or memory its layout took).
    case overBudget(String)
    /// 500: Graphviz failed on a graph the engine made.
    case graphviz(String)
    /// 503: the render queue is full.
    case busy(retryAfter: Int)
    /// 503: as many training sessions as the server runs are running.
    case sessionsFull(limit: Int)

    /// The HTTP status.
    var status: Int {
        switch self {
        case .badRequest, .syntax: 400
        case .forbidden: 403
        case .notFound, .noSession: 404
        case .methodNotAllowed: 405
        case .conflict: 409
        case .tooLarge: 413
        case .tooManyNodes, .overBudget: 422
        case .graphviz: 500
        case .busy, .sessionsFull: 503
        }
    }

    /// The one-line JSON body, newline-terminated.
    var json: String {
        func object(_ message: String, _ fields: [(String, String)] = []) -> String {
            JSON.object([("error", JSON.string(message))] + fields) + "\n"
        }
        switch self {
        case .badRequest(let message), .forbidden(let message), .overBudget(let message), .graphviz(let message),
             .conflict(let message):
            return object(message)
        case .syntax(let message, let line, let column):
            return object(message, [("line", line.map(JSON.number) ?? "null"), ("column", column.map(JSON.number) ?? "null")])
        case .notFound(let path):
            return object("no such path: \(path)")
        case .methodNotAllowed(let method, let allowed):
            return object("\(method) is not allowed here (allowed: \(allowed.joined(separator: ", ")))")
        case .tooLarge(let limit):
            return object("the body is larger than \(limit) bytes", [("limit", JSON.number(limit))])
        case .tooManyNodes(let count, let limit):
            return object("the picture has \(count) nodes, more than the limit of \(limit)",
                          [("count", JSON.number(count)), ("limit", JSON.number(limit))])
        case .noSession(let id):
            return object("no training session \(JSON.string(id)): it ended when its stream closed, or never was")
        case .sessionsFull(let limit):
            return object("\(limit) training sessions are running, the most this server runs: close one, or try again later",
                          [("limit", JSON.number(limit))])
        case .busy(let seconds):
            return object("the renderer is busy: try again in \(seconds) s", [("retryAfter", JSON.number(seconds))])
        }
    }
}
