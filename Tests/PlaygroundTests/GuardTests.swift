import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
@testable import Playground

@Suite("Playground guards: Origin and Host, the bounded render queue, hostile programs")
struct GuardTests {
    @Test("a foreign Origin gets 403; the server's own (or none) passes")
    func origin() async throws {
        try await Client.test { client in
            for (origin, status) in [("http://evil.example", 403), ("null", 403), ("https://localhost", 403),
                                     ("http://localhost:81", 403), ("http://localhost", 200), ("http://127.0.0.1", 200)] {
                try await client.execute(uri: "/api/graph", method: .post, headers: [.origin: origin],
                                         body: Client.json(["program": "a*b"])) { response in
                    #expect(response.status.code == status, "Origin \(origin)")
                }
            }
            try await client.execute(uri: "/healthz", method: .get, headers: [.origin: "http://evil.example"]) { response in
                #expect(response.status == .forbidden)
                #expect(Client.text(response).hasPrefix("{\"error\": \"requests from another site's page"))
            }
        }
    }

    @Test("Host must be the listening address or localhost, with the port")
    func host() {
        let address = Address(host: "127.0.0.1", port: 8080)
        for host in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080"] { #expect(address.accepts(authority: host), "\(host)") }
        for host in ["evil.example:8080", "127.0.0.1:8081", "localhost", "127.0.0.1", "localhost:80", "10.0.0.1:8080",
                     "localhost.evil.example:8080", "localhost:8080x", ""] {
            #expect(!address.accepts(authority: host), "\(host)")
        }
        let everywhere = Address(host: "0.0.0.0", port: 8080)
        #expect(everywhere.accepts(authority: "192.168.1.20:8080") && everywhere.accepts(authority: "[::1]:8080"))
        #expect(!everywhere.accepts(authority: "rebound.evil.example:8080"))
        let v6 = Address(host: "::1", port: 8080)
        #expect(v6.accepts(authority: "[::1]:8080") && !v6.accepts(authority: "[::2]:8080") && v6.authority == "[::1]:8080")
        #expect(address.accepts(origin: "http://localhost:8080") && !address.accepts(origin: "http://evil.example:8080"))
    }

    @Test("a full render queue answers 503 with Retry-After, and serves again once there is room")
    func busy() async throws {
        let queue = RenderQueue(capacity: 2)
        let latch = Latch()
        // Two jobs hold the queue: one runs (and waits for the gate), one waits behind it.
        let holders = (0..<2).map { _ in Task { try await queue.run { () throws(PlaygroundError) in latch.wait() } } }
        while queue.admittedCount < 2 { await Task.yield() }
        await #expect(throws: PlaygroundError.busy(retryAfter: 1)) { try await queue.run { () throws(PlaygroundError) in 1 } }
        #expect(Reply.error(.busy(retryAfter: 1)).status == .serviceUnavailable)
        #expect(Reply.error(.busy(retryAfter: 1)).headers[.retryAfter] == "1")
        latch.open()
        for holder in holders { try await holder.value }
        #expect(try await queue.run { () throws(PlaygroundError) in 42 } == 42)
    }

    @Test("with no room in the queue, /api/graph answers 503 over HTTP")
    func busyOverHTTP() async throws {
        try await Client.test(ServeOptions(queueCapacity: 0)) { client in
            try await client.execute(uri: "/api/graph", method: .post, body: Client.json(["program": "a*b"])) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "1")
                #expect(Client.text(response) == "{\"error\": \"the renderer is busy: try again in 1 s\", \"retryAfter\": 1}\n")
            }
        }
    }

    /// Issue 7's bad programs (as in CLITests' BadInputTests), each with the place its error names.
    static let badPrograms: [(String, Int, Int)] = [
        ("(a*b", 1, 1), ("((a*b)+(a", 1, 8), ("a*b)", 1, 4), ("a\n)b", 2, 1), ("foo(a)", 1, 1), ("a.sigmoid()", 1, 3),
        ("tanh(a, b)", 1, 1), ("a % b", 1, 3), ("a // b", 1, 3), ("a ^ 2", 1, 3), ("a == b", 1, 3), ("a ** b", 1, 3),
        ("a ** (b+1)", 1, 3), ("a b", 1, 3), ("a +", 1, 3), ("", 1, 1), ("# only a comment\n\n;\n", 1, 1),
        ("a = 1; a = 2; a*b", 1, 8), ("b*a; a = 1", 1, 3), ("3 = a", 1, 1), ("a = b = 1", 1, 7), ("1.2.3 * a", 1, 1),
        ("a * 1e999", 1, 5), ("a * 1" + String(repeating: "0", count: 400), 1, 5), ("é * a", 1, 1), ("a*b\u{1}", 1, 4),
        ("a\u{202E}*b", 1, 2), ("\u{FEFF}a*b", 1, 1), ("a = 1 # é\n(a", 2, 1), ("a.# é 日本\n", 1, 9),
        ("a\t\r= 1 = 2", 1, 8), ("a +\t\rb = 1", 1, 1), ("a\u{0}*b", 1, 2), ("a * 2\nb = a +\n", 2, 7),
        ("<script>alert(1)</script>", 1, 1), ("\"><img src=x onerror=alert(1)>", 1, 1),
        (String(repeating: "(", count: 30_000) + "a", 1, 30_000),
    ]

    @Test("issue 7's bad programs over HTTP: only 400s, with the line and column, and the server stays up")
    func badPrograms() async throws {
        try await Client.test { client in
            for (program, line, column) in Self.badPrograms {
                try await client.execute(uri: "/api/graph", method: .post, body: Client.json(["program": program, "inputs": ["a": 1, "b": 2]])) { response in
                    #expect(response.status == .badRequest, "\(program.prefix(40))")
                    let error = try Client.object(response)
                    #expect(error["line"] as? Int == line && error["column"] as? Int == column, "\(program.prefix(40)): \(error)")
                }
            }
            // Programs that build but compute nan or inf are answered, as the CLI draws them.
            for program in ["log(a)", "a**-1", "1/(a-1)"] {
                try await client.execute(uri: "/api/graph", method: .post, body: Client.json(["program": program, "inputs": ["a": 1]])) { response in
                    #expect(response.status == .ok, "\(program)")
                }
            }
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
        }
    }
}

/// A latch a test opens once: jobs on the render queue wait at it.
final class Latch: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}
