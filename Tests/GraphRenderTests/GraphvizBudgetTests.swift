@testable import GraphRender
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A render under a budget and what it must give: refused before layout (`overBudget` or
/// `readsFile`), or ended by the child process's limits (`failed`), or a picture.
struct BudgetCase: Sendable, CustomTestStringConvertible {
    let name: String
    let dot: String
    var format = "svg"
    var engine = "dot"
    var budget = RenderBudget.standard
    /// The kind of error expected, nil for a picture.
    let kind: GraphvizError.Kind?
    /// The start of the error's message.
    var message = ""

    var testDescription: String { name }
}

@Suite("Graphviz budget: refused before layout, or ended by the child's limits, in one line")
struct GraphvizBudgetTests {
    /// The complete digraph on `n` nodes: 200 take `dot` minutes.
    static func complete(_ n: Int) -> String {
        "digraph {" + (0..<n).flatMap { i in (i + 1..<n).map { "n\(i)->n\($0);" } }.joined() + "}"
    }

    /// The standard budget without attribute bounds, so that the child meets the attribute.
    static let unbounded = RenderBudget(attributeBounds: [:], maxLabelLength: .max, maxLabelLines: .max)

    static let cases: [BudgetCase] = [
        // Work-driving attributes, refused before layout.
        BudgetCase(name: "a billion peripheries", dot: "digraph { a [peripheries=1000000000] }", kind: .overBudget,
                   message: "peripheries=1000000000 is past the budget: at most 20"),
        BudgetCase(name: "cluster peripheries", dot: "digraph { subgraph cluster_x { peripheries=50; a } }", kind: .overBudget,
                   message: "peripheries=50 is past the budget: at most 20"),
        BudgetCase(name: "huge sides", dot: "digraph { a [shape=polygon sides=2000000000] }", kind: .overBudget,
                   message: "sides=2000000000 is past the budget: at most 100"),
        BudgetCase(name: "mclimit 1e9", dot: #"digraph { mclimit="1e9"; a -> b }"#, kind: .overBudget, message: "mclimit=1e9 is past the budget: at most 100"),
        BudgetCase(name: "nslimit", dot: "digraph { nslimit=100000; a -> b }", kind: .overBudget, message: "nslimit=100000 is past the budget"),
        BudgetCase(name: "nslimit1", dot: #"digraph { nslimit1="1e12"; a -> b }"#, kind: .overBudget, message: "nslimit1=1e12 is past the budget"),
        BudgetCase(name: "searchsize", dot: "digraph { searchsize=100000000; a -> b }", kind: .overBudget, message: "searchsize=100000000"),
        BudgetCase(name: "maxiter, neato", dot: "graph { maxiter=1000000000; a -- b }", engine: "neato", kind: .overBudget,
                   message: "maxiter=1000000000 is past the budget"),
        BudgetCase(name: "size, second number", dot: #"digraph { size="7,1e6!"; a }"#, kind: .overBudget,
                   message: "size=7,1e6! is past the budget: at most 10000"),
        BudgetCase(name: "dpi", dot: #"digraph { dpi="1e9"; a }"#, format: "png", kind: .overBudget, message: "dpi=1e9 is past the budget: at most 2400"),
        BudgetCase(name: "resolution", dot: "digraph { resolution=100000; a }", format: "png", kind: .overBudget, message: "resolution=100000"),
        BudgetCase(name: "width and height", dot: "digraph { a [width=100000 height=1] }", kind: .overBudget,
                   message: "width=100000 is past the budget: at most 1000"),
        BudgetCase(name: "a default in a node statement", dot: #"digraph { node [height="1e5"]; a }"#, kind: .overBudget, message: "height=1e5"),
        BudgetCase(name: "a label of 50,000 \\n", dot: "digraph { a [label=\"" + String(repeating: "\\n", count: 50_000) + "\"] }",
                   kind: .overBudget, message: "a label of 100000 bytes is past the budget of 16384"),
        BudgetCase(name: "a label of 2,000 lines", dot: "digraph { a [label=\"" + String(repeating: "\\l", count: 2_000) + "\"] }",
                   kind: .overBudget, message: "a label of 2001 lines is past the budget of 1000"),
        BudgetCase(name: "an HTML label of 2,000 lines", dot: "digraph { a [label=<" + String(repeating: "x<BR/>", count: 2_000) + ">] }",
                   kind: .overBudget, message: "a label of 2001 lines"),
        BudgetCase(name: "an edge's headlabel", dot: "digraph { a -> b [headlabel=\"" + String(repeating: "x", count: 20_000) + "\"] }",
                   kind: .overBudget, message: "a headlabel of 20000 bytes"),
        BudgetCase(name: "200 nested subgraphs", dot: GraphvizFaultTests.nestedSubgraphs(200), kind: .overBudget,
                   message: "subgraphs are nested more than 100 deep, the budget"),
        BudgetCase(name: "nodes past the budget", dot: "digraph { a; b; c }", budget: RenderBudget(maxNodes: 2), kind: .overBudget,
                   message: "the graph has 3 nodes, more than the budget of 2"),
        BudgetCase(name: "edges past the budget: the complete graph on 200 nodes", dot: complete(200), budget: RenderBudget(maxEdges: 10_000),
                   kind: .overBudget, message: "the graph has 19900 edges, more than the budget of 10000"),
        BudgetCase(name: "a value that is no number", dot: "digraph { a [peripheries=many] }", kind: nil),
        BudgetCase(name: "values at the bounds", dot: #"digraph { mclimit=100; a [peripheries=20 sides=100 shape=polygon] }"#, kind: nil),
        // Files and scripts, refused unless allowed.
        BudgetCase(name: "image", dot: #"digraph { a [image="/etc/passwd"] }"#, kind: .readsFile,
                   message: #"image="/etc/passwd" would make Graphviz read a file, and files are not allowed"#),
        BudgetCase(name: "shapefile", dot: #"digraph { a [shape=epsf shapefile="../../x.ps"] }"#, kind: .readsFile, message: "shapefile="),
        BudgetCase(name: "imagepath", dot: #"digraph { imagepath="/"; a }"#, kind: .readsFile, message: "imagepath="),
        BudgetCase(name: "fontpath", dot: #"digraph { fontpath="/tmp"; a }"#, kind: .readsFile, message: "fontpath="),
        BudgetCase(name: "stylesheet", dot: #"digraph { stylesheet="file:///etc/x.css"; a }"#, kind: .readsFile, message: "stylesheet="),
        BudgetCase(name: "HTML IMG", dot: #"digraph { a [label=<<TABLE><TR><TD><IMG SRC="/etc/x.png"/></TD></TR></TABLE>>] }"#,
                   kind: .readsFile, message: "an HTML label with <IMG> would make Graphviz read a file"),
        BudgetCase(name: "javascript URL", dot: #"digraph { a [URL="javascript:alert(1)"] }"#, kind: .readsFile,
                   message: #"URL="javascript:alert(1)" is a script URL, and scripts are not allowed"#),
        BudgetCase(name: "javascript href with case, blanks and entities", dot: #"digraph { a [href=" JaVa&#x09;Script&colon;x"] }"#,
                   kind: .readsFile, message: "href="),
        BudgetCase(name: "javascript in an edge's labelURL", dot: #"digraph { a -> b [labelURL="javascript:x" label=y] }"#, kind: .readsFile,
                   message: "labelURL="),
        BudgetCase(name: "javascript tooltip", dot: #"digraph { a [tooltip="javascript:x"] }"#, kind: .readsFile, message: "tooltip="),
        BudgetCase(name: "javascript in an HTML label", dot: #"digraph { a [label=<<TABLE HREF="&#106;avascript:x"><TR><TD>x</TD></TR></TABLE>>] }"#,
                   kind: .readsFile, message: "an HTML label carries a script URL"),
        BudgetCase(name: "an ordinary URL", dot: #"digraph { a [URL="https://example.org/javascript:x"] }"#, kind: nil),
        BudgetCase(name: "image, allowed", dot: #"digraph { a [image="/nonexistent.png"] }"#, budget: RenderBudget(filesAllowed: true), kind: nil),
        BudgetCase(name: "javascript URL, allowed", dot: #"digraph { a [URL="javascript:x"] }"#, budget: RenderBudget(filesAllowed: true), kind: nil),
        // Ended by the child's limits: time, CPU, memory, a crash.
        BudgetCase(name: "the complete graph on 200 nodes, 1 s", dot: complete(200), budget: RenderBudget(wallSeconds: 1), kind: .outOfTime,
                   message: "the layout took longer than the 1 s budget"),
        BudgetCase(name: "half a second", dot: complete(200), budget: RenderBudget(wallSeconds: 0.5), kind: .outOfTime,
                   message: "the layout took longer than the 0.5 s budget"),
        BudgetCase(name: "1 s of CPU", dot: complete(200), budget: RenderBudget(wallSeconds: 120, cpuSeconds: 1), kind: .outOfTime,
                   message: "the layout used more than the 1 s CPU budget"),
        // The memory budget is held in a fresh process, where the test process's own heap cannot
        // lend the child memory: see OutputTargetTests' "memory limit" case through the executable.
    ]

    @Test("each case", arguments: cases)
    func budgetCase(_ c: BudgetCase) {
        let result = Result { () throws(GraphvizError) in
            try Graphviz.render(dot: c.dot, format: c.format, engine: c.engine, budget: c.budget)
        }
        switch (c.kind, result) {
        case (nil, .success(let rendering)):
            #expect(!rendering.bytes.isEmpty)
        case (let kind?, .failure(let error)):
            #expect(error.kind == kind, "\(error)")
            #expect(error.message.hasPrefix(c.message), "\(error.message)")
            #expect(!error.message.contains("\n"))
        default:
            Issue.record("expected \(String(describing: c.kind)) \(c.message), got \(result)")
        }
        // Nothing is left behind: the next render works.
        let next = try? Graphviz.render(dot: "digraph { after -> next }", format: "svg")
        #expect(next.map { GraphvizTests.draws($0.bytes, "after") } == true)
    }

    @Test("a crash in the child names its signal, and the caller lives on")
    func crashNamesTheSignal() {
        // 10^9 peripheries make Graphviz allocate and draw until it crashes or runs out of memory.
        let result = Result { () throws(GraphvizError) in
            try Graphviz.render(dot: "digraph { a [peripheries=1000000000] }", format: "svg", budget: Self.unbounded)
        }
        guard case .failure(let error) = result else { Issue.record("rendered"); return }
        #expect(error.kind == .failed || error.kind == .outOfMemory)
        #expect(error.message.hasPrefix("Graphviz crashed (SIG") || error.message.hasPrefix("Graphviz ran out of memory"), "\(error)")
    }

    @Test("the response frame round-trips a rendering and an error, and refuses a cut or foreign frame")
    func frame() {
        let rendering = RenderResponse(.success(Rendering(bytes: [0, 1, 2, 255], note: "scaled")))
        let decoded = RenderResponse(decoding: rendering.encoded())
        #expect((try? decoded?.result.get())?.bytes == [0, 1, 2, 255])
        #expect((try? decoded?.result.get())?.note == "scaled")
        let plain = RenderResponse(decoding: RenderResponse(.success(Rendering(bytes: [7], note: nil))).encoded())
        #expect((try? plain?.result.get())?.note == nil)
        let failure = RenderResponse(.failure(GraphvizError("it broke", kind: .failed))).encoded()
        guard case .failure(let error)? = RenderResponse(decoding: failure)?.result else { Issue.record("not an error"); return }
        #expect(error == GraphvizError("it broke", kind: .failed))
        let frame = rendering.encoded()
        #expect(RenderResponse(decoding: Array(frame.dropLast())) == nil)
        #expect(RenderResponse(decoding: frame + [0]) == nil)
        #expect(RenderResponse(decoding: Array(frame.prefix(10))) == nil)
        #expect(RenderResponse(decoding: [UInt8](repeating: 0, count: 40)) == nil)
        var badStatus = frame
        badStatus[5] = 99
        #expect(RenderResponse(decoding: badStatus) == nil)
    }

    @Test("a frame written to a pipe is the encoded frame, byte for byte")
    func frameWritten() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { Issue.record("no pipe"); return }
        defer { close(ends[0]) }
        let response = RenderResponse(.success(Rendering(bytes: Array(repeating: 42, count: 3000), note: "scaled")))
        #expect(response.write(to: ends[1]))
        close(ends[1])
        var read: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 4096)
        while case let n = chunk.withUnsafeMutableBytes({ Glibc.read(ends[0], $0.baseAddress, $0.count) }), n > 0 { read += chunk[..<n] }
        #expect(read == response.encoded())
    }

    @Test("messages show control characters as escapes", arguments: [
        ("a\nb", "a\\nb"), ("\u{1B}]0;title\u{7}", "\\x1b]0;title\\x07"), ("tab\there", "tab\\there"),
        ("\u{202E}evil", "\\u{202e}evil"), ("plain \\n stays", "plain \\n stays"), ("é 日本", "é 日本"),
    ])
    func oneLine(_ text: String, _ shown: String) {
        #expect(ErrorText.oneLine(text) == shown)
        #expect(ErrorText.oneLine(ErrorText.oneLine(text)) == shown)
    }
}
