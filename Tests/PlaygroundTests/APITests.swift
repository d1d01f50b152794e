import Foundation
import GraphRender
import Micrograd
import HTTPTypes
import NIOCore
import HummingbirdTesting
import Testing
@testable import Playground

@Suite("Playground API: every endpoint and every status")
struct APITests {
    nonisolated(unsafe) static let warmup: [String: Any] = ["program": "e = a*b; d = e + c; L = d*f", "inputs": ["a": 2, "b": -3, "c": 10, "f": -2]]

    @Test("POST /api/graph: the warm-up's nodes, edges, the SVG expr --svg writes, and the steps")
    func graph() async throws {
        try await Client.test { client in
            try await client.execute(uri: "/api/graph", method: .post, body: Client.json(Self.warmup)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let answer = try Client.object(response)
                let nodes = try #require(answer["nodes"] as? [[String: Any]])
                #expect(nodes.map { $0["label"] as? String } == ["a", "b", "c", "f", "e", "d", "L"])
                #expect(nodes.map { $0["grad"] as? Double } == [6, -4, -2, 4, -2, -2, 1])
                #expect(nodes.map { $0["data"] as? Double } == [2, -3, 10, -2, -6, 4, -8])
                #expect(nodes[4]["op"] as? String == "*")
                let edges = try #require(answer["edges"] as? [[String: Int]])
                #expect(edges.count == 6 && edges.contains { $0["from"] == 0 && $0["to"] == 4 })
                let steps = try #require(answer["steps"] as? [[String: Any]])
                #expect(steps.count == 11)
                #expect(steps[9]["text"] as? String == "backward through d (+), with ∂L/∂d = -2:\n∂L/∂e += ∂L/∂d · 1 = -2 · 1 = -2\n∂L/∂c += ∂L/∂d · 1 = -2 · 1 = -2\n")
                let change = try #require((steps[10]["grads"] as? [[String: Any]])?.first)
                #expect(change["node"] as? Int == 0 && change["grad"] as? Double == 6 && change["text"] as? String == "6.0000")
                let svg = try #require(answer["svg"] as? String)
                let cli = try Picture.draw([Self.warmupRoot()], PictureRequest(stage: .backward, format: .svg))
                #expect(Self.anonymous(svg) == Self.anonymous(String(decoding: cli.bytes, as: UTF8.self)))
                #expect((answer["inputs"] as? [[String: Any]])?.map { $0["source"] as? String } == ["given", "given", "given", "given"])
            }
        }
    }

    /// The warm-up as `expr "e = a*b; d = e + c; L = d*f" a=2 b=-3 c=10 f=-2` builds it.
    static func warmupRoot() throws -> Micrograd.Value {
        let graph = Micrograd.Graph()
        let a = graph.leaf(2, label: "a"), b = graph.leaf(-3, label: "b"), c = graph.leaf(10, label: "c"), f = graph.leaf(-2, label: "f")
        let e = a * b; e.label = "e"
        let d = e + c; d.label = "d"
        let l = d * f; l.label = "L"
        return l
    }

    /// An SVG with libgvc's name for an anonymous graph (`%3`, `%1919`: a count of the graphs the
    /// process has read) made the same, the one part in which a long-running server's picture
    /// differs from a fresh `expr --svg`'s.
    static func anonymous(_ svg: String) -> String { svg.replacing(/%\d+/, with: "%N") }

    @Test("stage, rankdir and colour shape the picture; stage forward leaves the grads 0")
    func options() async throws {
        try await Client.test { client in
            var body = Self.warmup
            body["stage"] = "forward"; body["rankdir"] = "TB"; body["color"] = "none"
            try await client.execute(uri: "/api/graph", method: .post, body: Client.json(body)) { response in
                let answer = try Client.object(response)
                #expect((answer["nodes"] as? [[String: Any]])?.allSatisfy { $0["grad"] as? Double == 0 } == true)
                let svg = try #require(answer["svg"] as? String)
                #expect(svg.contains("grad 0.0000") && !svg.contains("grad 6.0000"))
                let cli = try Picture.draw([Self.warmupRoot()], PictureRequest(stage: .forward, style: DOTOptions(rankdir: .TB, color: .none),
                                                                      format: .svg))
                #expect(Self.anonymous(svg) == Self.anonymous(String(decoding: cli.bytes, as: UTF8.self)))
            }
            body["stage"] = "both"
            try await client.execute(uri: "/api/graph", method: .post, body: Client.json(body)) { response in
                let svg = try #require(try Client.object(response)["svg"] as? String)
                #expect(svg.contains("before backward") && svg.contains("after backward"))
            }
        }
    }

    @Test("missing inputs are drawn with seed 1337; inputs the program does not take are ignored")
    func inputs() async throws {
        try await Client.test { client in
            let body: [String: Any] = ["program": "x = 0.5; tanh(x*w)", "inputs": ["w": 1.5, "gone": 3]]
            try await client.execute(uri: "/api/graph", method: .post, body: Client.json(body)) { response in
                #expect(response.status == .ok)
                let inputs = try #require(try Client.object(response)["inputs"] as? [[String: Any]])
                #expect(inputs.map { $0["name"] as? String } == ["x", "w"])
                #expect(inputs.map { $0["source"] as? String } == ["program", "given"])
            }
            try await client.execute(uri: "/api/graph", method: .post, body: Client.json(["program": "a*b", "inputs": ["a": 1]])) { response in
                let inputs = try #require(try Client.object(response)["inputs"] as? [[String: Any]])
                #expect(inputs[1]["source"] as? String == "random")
                var random = Micrograd.PythonRandom(seed: 1337)
                #expect(inputs[1]["value"] as? Double == random.uniform(-1, 1))
            }
        }
    }

    @Test("POST /api/picture: the SVG, PNG and DOT files the CLI writes")
    func picture() async throws {
        try await Client.test { client in
            for (format, type) in [("svg", "image/svg+xml"), ("png", "image/png"), ("dot", "text/vnd.graphviz; charset=utf-8")] {
                var body = Self.warmup
                body["format"] = format
                try await client.execute(uri: "/api/picture", method: .post, body: Client.json(body)) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == type)
                    let expected = try Picture.draw([Self.warmupRoot()], PictureRequest(stage: .backward, format: OutputFormat(rawValue: format)!))
                    let body = Array(response.body.readableBytesView)
                    #expect(format == "svg" ? Self.anonymous(String(decoding: body, as: UTF8.self)) == Self.anonymous(String(decoding: expected.bytes, as: UTF8.self))
                                            : body == expected.bytes)
                }
            }
        }
    }

    @Test("GET /, /app.js, /style.css: the page from the binary; GET /healthz")
    func page() async throws {
        try await Client.test { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(Client.text(response).contains("<script src=\"/app.js\" defer></script>"))
                #expect(Client.text(response) == EmbeddedFiles.index_html)
            }
            try await client.execute(uri: "/app.js", method: .get) { response in
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(Client.text(response).contains("/api/graph"))
            }
            try await client.execute(uri: "/style.css", method: .get) { response in
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Client.text(response) == "{\"status\": \"ok\"}\n")
            }
        }
    }

    @Test("every response carries a CSP that loads nothing from elsewhere and allows no inline script")
    func securityHeaders() async throws {
        try await Client.test { client in
            for (uri, method) in [("/", HTTPRequest.Method.get), ("/healthz", .get), ("/nowhere", .get), ("/api/graph", .get)] {
                try await client.execute(uri: uri, method: method) { response in
                    let csp = try #require(response.headers[HTTPField.Name("Content-Security-Policy")!])
                    #expect(csp.hasPrefix("default-src 'none'; script-src 'self';"))
                    #expect(!csp.contains("unsafe-inline") && !csp.contains("http"))
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                }
            }
        }
    }

    /// (request body, status, error text it must contain, extra field that must be there)
    static let refusals: [(String, Int, String)] = [
        ("{\"program\": \"(a*b\"}", 400, "'(' is never closed"),
        ("{\"program\": \"a ** b\", \"inputs\": {\"a\": 1, \"b\": 2}}", 400, "** needs a plain number"),
        ("{\"program\": \"b*a; a = 1\"}", 400, "'a' is used before it is assigned"),
        ("{\"inputs\": {}}", 400, "Coding key `program` not found"),
        ("{\"program\": 3}", 400, "Type mismatch for `program` key"),
        ("{\"program\": \"a\", \"inputs\": {\"a\": \"x\"}}", 400, "Type mismatch for `inputs.a` key"),
        ("not json", 400, "not valid JSON"),
        ("", 400, "not valid JSON"),
        ("{\"program\": \"a\", \"stage\": \"sideways\"}", 400, "stage must be forward, backward or both, not \"sideways\""),
        ("{\"program\": \"a\", \"rankdir\": \"XY\"}", 400, "rankdir must be LR or TB, not \"XY\""),
        ("{\"program\": \"a\", \"color\": \"red\"}", 400, "color must be role, grad or none, not \"red\""),
        ("{\"program\": \"a\", \"inputs\": {\"a\": 1e999}}", 400, "not valid JSON"),
    ]

    @Test("bad bodies and programs: 400 with one line of JSON", arguments: refusals)
    func badRequest(body: String, status: Int, message: String) async throws {
        try await Client.test { client in
            try await client.execute(uri: "/api/graph", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status.code == status)
                let text = Client.text(response)
                #expect(text.hasSuffix("}\n") && text.dropLast().allSatisfy { $0 != "\n" })
                let error = try Client.object(response)["error"] as? String
                #expect(error?.contains(message) == true, "\(text)")
            }
        }
    }

    @Test("a program that does not parse: 400 {error, line, column}")
    func syntaxError() async throws {
        try await Client.test { client in
            try await client.execute(uri: "/api/graph", method: .post, body: Client.json(["program": "a = 1\n(a"])) { response in
                #expect(response.status == .badRequest)
                #expect(Client.text(response) == "{\"error\": \"'(' is never closed\", \"line\": 2, \"column\": 1}\n")
            }
        }
    }

    @Test("a body over 64 KiB: 413")
    func tooLarge() async throws {
        try await Client.test { client in
            let program = String(repeating: "a+", count: 40_000) + "a"
            try await client.execute(uri: "/api/graph", method: .post, body: Client.json(["program": program])) { response in
                #expect(response.status == .contentTooLarge)
                #expect(Client.text(response) == "{\"error\": \"the body is larger than 65536 bytes\", \"limit\": 65536}\n")
            }
        }
    }

    @Test("a graph over the node limit: 422 with the count")
    func tooManyNodes() async throws {
        try await Client.test(ServeOptions(maxNodes: 9)) { client in  // the warm-up: 7 values, 3 ops, the legend
            try await client.execute(uri: "/api/graph", method: .post, body: Client.json(Self.warmup)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(Client.text(response) == "{\"error\": \"the picture has 11 nodes, more than the limit of 9\", \"count\": 11, \"limit\": 9}\n")
            }
        }
    }

    @Test("wrong method: 405 with Allow; wrong path: 404")
    func methodAndPath() async throws {
        try await Client.test { client in
            try await client.execute(uri: "/api/graph", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                #expect(Client.text(response) == "{\"error\": \"GET is not allowed here (allowed: POST)\"}\n")
            }
            try await client.execute(uri: "/healthz", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
            }
            try await client.execute(uri: "/etc/passwd", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Client.text(response) == "{\"error\": \"no such path: /etc/passwd\"}\n")
            }
            try await client.execute(uri: "/../Package.swift", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
