import Foundation
import GraphRender
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing
@testable import Playground

@Suite("Render workers: the server's pictures laid out in `micrograd-viz worker` processes, replaced now and then")
struct WorkerTests {
    static let executable = Server.executable.path

    /// The body of `POST path` with the warm-up program in `format` on an application with these options.
    static func answer(_ options: ServeOptions, _ path: String, _ format: String) async throws -> [UInt8] {
        let body = try Client.json(["program": "e = a*b; d = e + c; L = d*f", "inputs": ["a": 2, "b": -3, "c": 10, "f": -2],
                                    "format": format])
        let bytes = Mutex<[UInt8]>([])
        try await Client.test(options) { client in
            try await client.execute(uri: path, method: .post, body: body) { response in
                #expect(response.status == .ok)
                bytes.withLock { $0 = Array(response.body.readableBytesView) }
            }
        }
        return bytes.withLock { $0 }
    }

    @Test("/api/graph and /api/picture (svg, png) give the same bytes with workers as on the render thread (but the unnamed graph's number)",
          arguments: [("/api/graph", "svg"), ("/api/picture", "svg"), ("/api/picture", "png")])
    func sameBytes(path: String, format: String) async throws {
        let inProcess = try await Self.answer(ServeOptions(), path, format)
        let inWorker = try await Self.answer(ServeOptions(workerExecutable: Self.executable), path, format)
        #expect(!inProcess.isEmpty && Self.anonymous(inWorker) == Self.anonymous(inProcess))
    }

    /// The bytes with the number of Graphviz's name for an unnamed graph (`%3`, its title) taken
    /// out: it counts the graphs its process has read, so it differs between processes.
    static func anonymous(_ bytes: [UInt8]) -> [UInt8] {
        guard let text = String(bytes: bytes, encoding: .utf8) else { return bytes }
        return Array(text.replacingOccurrences(of: "%[0-9]+", with: "%", options: .regularExpression).utf8)
    }

    static let request = RenderRequest(dot: "digraph { a -> b }", format: "svg", budget: Engine.budget)

    @Test("a worker is replaced after its renders; one that died is replaced at the next render")
    func replaced() throws {
        let worker = WorkerProcess(executable: Self.executable, rendersPerWorker: 2)
        let first = try worker.render(Self.request).get().bytes
        let started = worker.pid
        _ = try worker.render(Self.request).get()
        #expect(worker.pid == started && started > 0)
        #expect(try worker.render(Self.request).get().bytes == first)
        #expect(worker.pid != started && worker.pid > 0)

        kill(worker.pid, SIGKILL)
        var info = siginfo_t()
        waitid(P_PID, id_t(worker.pid), &info, WEXITED | WNOWAIT)  // dead, not reaped: the worker still holds it
        #expect(throws: PlaygroundError.graphviz("the render worker ended without an answer")) { try worker.render(Self.request) }
        #expect(worker.pid == 0)
        #expect(try worker.render(Self.request).get().bytes == first)
    }

    @Test("an executable that cannot be started: a 500 answer's error, no process")
    func cannotStart() {
        let worker = WorkerProcess(executable: "/nonexistent/micrograd-viz")
        #expect(throws: PlaygroundError.graphviz("cannot start a render worker (/nonexistent/micrograd-viz): No such file or directory")) {
            try worker.render(Self.request)
        }
        #expect(worker.pid == 0)
    }
}
