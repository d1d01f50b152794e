import HTTPTypes
import Hummingbird

/// The middleware in front of every route: refuses requests that do not name this server (Host)
/// or come from another site's page (Origin) with 403, unknown paths with 404 and wrong methods
/// with 405; turns every error into its status and one-line JSON body; and adds the security
/// headers to every response.
struct Gate<Context: RequestContext>: RouterMiddleware {
    /// Where the server listens.
    let address: Address
    /// Each path the server answers, with the methods it takes.
    let paths: [String: [HTTPRequest.Method]]

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            try check(request)
            response = try await next(request, context)
        } catch let error as PlaygroundError {
            response = Reply.error(error)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            response = Reply.error(.tooLarge(limit: Routes.maxBody))
        } catch let error as HTTPError where error.status == .badRequest {
            // Hummingbird's decoding: the body is not JSON, or not of the request's shape.
            response = Reply.error(.badRequest(error.body ?? "the body is not the JSON this endpoint takes"))
        } catch {
            context.logger.error("request failed: \(error)")
            response = Reply.error(.graphviz("internal error"))
        }
        response.headers.append(contentsOf: Reply.securityHeaders)
        return response
    }

    private func check(_ request: Request) throws(PlaygroundError) {
        guard let authority = request.head.authority, address.accepts(authority: authority) else {
            throw .forbidden("the Host header must name this server (\(address.authority) or localhost:\(address.port))")
        }
        if let origin = request.headers[.origin], !address.accepts(origin: origin) {
            throw .forbidden("requests from another site's page (Origin \(origin)) are refused")
        }
        guard let methods = paths[request.uri.path] else { throw .notFound(path: request.uri.path) }
        guard methods.contains(request.method) else {
            throw .methodNotAllowed(method: request.method.rawValue, allowed: methods.map(\.rawValue))
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Routes.maxBody {
            throw .tooLarge(limit: Routes.maxBody)
        }
    }
}
