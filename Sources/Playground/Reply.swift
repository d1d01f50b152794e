import HTTPTypes
import Hummingbird

/// The responses the playground writes: JSON, page files, pictures, errors.
enum Reply {
    /// 200 with `body` as `type`.
    static func ok(_ body: [UInt8], type: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: type]
        headers.append(contentsOf: extra)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// 200 with a JSON text.
    static func json(_ text: String) -> Response { ok(Array(text.utf8), type: "application/json") }

    /// The error's status and one-line JSON body (503 also says when to come back, 405 what is allowed).
    static func error(_ error: PlaygroundError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        switch error {
        case .busy(let seconds): headers[.retryAfter] = "\(seconds)"
        case .methodNotAllowed(_, let allowed): headers[.allow] = allowed.joined(separator: ", ")
        default: break
        }
        return Response(status: HTTPResponse.Status(code: error.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: error.json)))
    }

    /// Sent with every response: nothing may be loaded from elsewhere (scripts and styles only from
    /// this server, no inline script), no framing, no sniffing, no referrer, no caching, and no
    /// other site may embed what the server sends.
    static let securityHeaders: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!:
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("Cross-Origin-Resource-Policy")!: "same-origin",
        .cacheControl: "no-store",
    ]
}
