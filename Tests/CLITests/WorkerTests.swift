import Foundation
import GraphRender
import Testing

/// `micrograd-viz worker` as a server's pool would run it: request frames in, response frames out.
@Suite("Worker mode: render requests on stdin, framed answers on stdout")
struct WorkerTests {
    /// The responses in `bytes`, in order; nil when they do not split into whole frames.
    static func responses(_ bytes: [UInt8]) -> [RenderResponse]? {
        var found: [RenderResponse] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            guard let length = RenderResponse.frameLength(header: rest), length <= rest.count,
                  let response = RenderResponse(decoding: Array(rest.prefix(length))) else { return nil }
            found.append(response)
            rest = rest.dropFirst(length)
        }
        return found
    }

    /// "kind: message" of a failed response, nil for a rendering.
    static func failure(_ response: RenderResponse) -> String? {
        guard case .failure(let error) = response.result else { return nil }
        return "\(error.kind): \(error.message)"
    }

    static func run(_ requests: [RenderRequest], extra: [UInt8] = []) throws -> (Tool.Result, [RenderResponse]?) {
        let input = requests.flatMap { $0.encoded() } + extra
        let r = try Tool.run(Tool.executable, ["worker"], stdin: Data(input))
        return (r, responses(r.stdout))
    }

    @Test("answers each request in order, then ends with its input")
    func answersInOrder() throws {
        let (r, responses) = try Self.run([
            RenderRequest(dot: "digraph { first -> b }", format: "svg"),
            RenderRequest(dot: "digraph { a [peripheries=1000000000] }", format: "svg"),
            RenderRequest(dot: "digraph { a -> b }", format: "png"),
            RenderRequest(dot: "digraph { a -> }", format: "svg"),
            RenderRequest(dot: "digraph { a; b; c }", format: "svg", maxNodes: 2),
        ])
        #expect(r.status == 0, "\(r.stderr)")
        guard let responses, responses.count == 5 else { Issue.record("not five frames: \(r.stdout.count) bytes"); return }
        let svg = try responses[0].result.get()
        #expect(String(decoding: svg.bytes, as: UTF8.self).contains("first"))
        #expect(Self.failure(responses[1]) == "overBudget: peripheries=1000000000 is past the budget: at most 20")
        #expect(try responses[2].result.get().bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(Self.failure(responses[3]) == "badGraph: syntax error in line 1 near '}'")
        #expect(Self.failure(responses[4]) == "tooManyNodes: the graph has 3 nodes, more than the limit of 2")
        if case .failure(let error) = responses[4].result {
            #expect(error.nodeCount == 3 && error.nodeLimit == 2, "the counts come back for the --force hint")
        }
    }

    @Test("a request frame round-trips, budget and all")
    func requestRoundTrip() {
        var budget = RenderBudget(wallSeconds: 2.5, addressSpace: 1 << 28, maxEdges: 7, filesAllowed: true)
        budget.attributeBounds["sides"] = 12
        let request = RenderRequest(dot: "digraph { é -> \"\\n\" }", format: "pdf", engine: "neato", maxPixels: 1000, budget: budget)
        #expect(RenderRequest(decoding: request.encoded()) == request)
        #expect(RenderRequest(decoding: Array(request.encoded().dropLast())) == nil)
        #expect(RenderRequest(decoding: request.encoded() + [0]) == nil)
    }

    @Test("a spent budget or a crash ends the worker; a cut frame is status 65")
    func endings() throws {
        let unbounded = RenderBudget(cpuSeconds: 1, attributeBounds: [:])
        let (spent, answers) = try Self.run([
            RenderRequest(dot: "digraph { ok }", format: "svg"),
            RenderRequest(dot: BadInputTests.complete(200), format: "svg", budget: unbounded),
            RenderRequest(dot: "digraph { never }", format: "svg"),
        ])
        #expect(answers?.count == 1, "the first answer only")
        #expect(spent.status != 0)
        let (cut, none) = try Self.run([], extra: RenderRequest(dot: "digraph { a }", format: "svg").encoded().dropLast(3))
        #expect(cut.status == 65)
        #expect(none?.isEmpty == true)
        #expect(cut.stderr == "micrograd-viz: error: the worker's input is not a sequence of render request frames, or its output closed\n")
    }
}
