import GraphRender
import Testing

/// What a faulty render must give.
enum FaultOutcome: Sendable {
    /// An error whose one-line message starts with this.
    case error(String)
    /// A PNG scaled down to fit the pixel cap, with a note saying so.
    case capped
    /// A normal rendering (Graphviz warns about the attribute and carries on).
    case renders
}

/// A render Graphviz could trip over: bad attributes, an unknown engine or format, a graph too big.
struct Fault: Sendable, CustomTestStringConvertible {
    let name: String
    let dot: String
    var format = "svg"
    var engine = "dot"
    var maxPixels = 40_000_000
    /// The standard budget refuses several of these before layout (see GraphvizBudgetTests); `lifted`
    /// lets them through to the defences after layout.
    var budget = RenderBudget.standard
    let outcome: FaultOutcome

    var testDescription: String { name }
}

@Suite("Graphviz faults: clear errors or capped images, and the next render works")
struct GraphvizFaultTests {
    /// The standard budget without attribute bounds, and with files allowed.
    static let lifted = RenderBudget(attributeBounds: [:], filesAllowed: true)

    /// `n` nested subgraphs, deeper than the DOT parser's stack.
    static func nestedSubgraphs(_ n: Int) -> String {
        "digraph {" + String(repeating: "subgraph { ", count: n) + "a" + String(repeating: " }", count: n) + " }"
    }

    static let faults: [Fault] = [
        // Attributes Graphviz warns about and ignores: a picture all the same.
        Fault(name: "unknown shape", dot: "digraph { a [shape=nosuchshape] }", outcome: .renders),
        Fault(name: "unknown colour", dot: ##"digraph { a [color="#zzzzzz" fillcolor=nocolour style=filled] }"##, outcome: .renders),
        Fault(name: "non-numeric width and penwidth", dot: "digraph { a [width=abc penwidth=xyz fontsize=-5] }", outcome: .renders),
        Fault(name: "unknown rankdir and ratio", dot: "digraph { rankdir=XX ratio=xyz; a -> b }", outcome: .renders),
        Fault(name: "missing image file", dot: #"digraph { a [image="/nonexistent/x.png"] }"#, format: "png", budget: lifted, outcome: .renders),
        Fault(name: "unknown font", dot: #"digraph { a [fontname="No Such Font"] }"#, format: "pdf", outcome: .renders),
        Fault(name: "lhead naming no cluster", dot: "digraph { compound=true; a -> b [lhead=cluster_x] }", outcome: .renders),
        Fault(name: "NaN dpi", dot: #"digraph { dpi="nan"; a }"#, format: "png", outcome: .renders),
        // Attributes that are errors.
        Fault(name: "unbalanced style", dot: #"digraph { a [style="filled(bad"] }"#, outcome: .error("unmatched '(' in style: filled(bad")),
        Fault(name: "bad record label", dot: #"digraph { a [shape=record label="{a|b"] }"#, outcome: .error("bad label format {a|b")),
        Fault(name: "mismatched HTML tag", dot: "digraph { a [label=<<b>x</i>>] }", outcome: .error("mismatched tag in line 1")),
        Fault(name: "unclosed HTML label", dot: "digraph { a [label=<x] }", outcome: .error("syntax error in line 1 scanning a HTML string")),
        Fault(name: "unclosed quote", dot: #"digraph { a [label="x] }"#, outcome: .error("syntax error in line 1 scanning a quoted string")),
        // Attributes that made Pango print on stderr and cairo abort the process: refused up front.
        Fault(name: "huge node fontsize, PDF", dot: #"digraph { a [fontsize="1e7"] }"#, format: "pdf",
              outcome: .error("font size 1e7 is too large: at most 10000 points")),
        Fault(name: "huge node fontsize, SVG", dot: #"digraph { a [fontsize="1e5"] }"#,
              outcome: .error("font size 1e5 is too large: at most 10000 points")),
        Fault(name: "huge edge labelfontsize", dot: #"digraph { a -> b [labelfontsize="1e7" headlabel="x"] }"#, format: "pdf",
              outcome: .error("font size 1e7 is too large")),
        Fault(name: "huge fontsize in a nested cluster", dot: #"digraph { subgraph cluster_x { subgraph cluster_y { fontsize="2e4"; label="t"; b } } }"#,
              format: "png", outcome: .error("font size 2e4 is too large")),
        Fault(name: "huge dpi, PDF", dot: #"digraph { dpi="1e9"; a }"#, format: "pdf",
              budget: lifted, outcome: .error("the text would be drawn 194444444 points tall (font size × zoom × dpi / 72), more than the 50000 pdf allows")),
        Fault(name: "huge size scale-up, PDF", dot: #"digraph { size="1e6,1e6!"; a }"#, format: "pdf", budget: lifted, outcome: .error("the text would be drawn")),
        Fault(name: "negative dpi, PNG", dot: #"digraph { dpi="-5"; a }"#, format: "png", outcome: .error("dpi -5 is negative: give a positive number")),
        Fault(name: "negative dpi, SVG", dot: #"digraph { resolution="-1e308"; a }"#, outcome: .error("dpi -1e+308 is negative")),
        // Engines and formats.
        Fault(name: "unknown engine", dot: "digraph { a }", engine: "foo", outcome: .error(#"unknown layout engine "foo""#)),
        Fault(name: "empty engine", dot: "digraph { a }", engine: "", outcome: .error(#"unknown layout engine """#)),
        Fault(name: "unknown format", dot: "digraph { a }", format: "bmp", outcome: .error(#"unknown output format "bmp""#)),
        Fault(name: "viewer format", dot: "digraph { a }", format: "x11", outcome: .error(#"unknown output format "x11""#)),
        // Too big for a bitmap: scaled down under the cap, or refused when even 1 dpi is too big.
        Fault(name: "400-node chain over a 1 Mpx cap", dot: GraphvizTests.records(rows: 1, columns: 400), format: "png",
              maxPixels: 1_000_000, outcome: .capped),
        Fault(name: "dpi 1e9", dot: #"digraph { dpi="1e9"; a }"#, format: "png", budget: lifted, outcome: .capped),
        Fault(name: "dpi 1e308 (overflowing size)", dot: #"digraph { dpi="1e308"; a }"#, format: "png", budget: lifted, outcome: .capped),
        Fault(name: "100,000 peripheries", dot: "digraph { a [peripheries=100000] }", format: "png",
              budget: lifted, outcome: .error("the graph does not fit in 40000000 pixels even at 1 dpi")),
        Fault(name: "a cap of 10 pixels", dot: GraphvizTests.records(rows: 1, columns: 40), format: "png", maxPixels: 10,
              outcome: .error("the graph does not fit in 10 pixels even at 1 dpi")),
        // Input deeper than the DOT parser's stack.
        Fault(name: "20,000 nested subgraphs", dot: nestedSubgraphs(20_000), outcome: .error("memory exhausted in line 1")),
        Fault(name: "a 20,000-node edge statement", dot: "digraph { " + (0..<20_000).map { "n\($0)" }.joined(separator: " -> ") + " }",
              outcome: .error("memory exhausted in line 1")),
    ]

    /// Nil when rendering `fault` gives its outcome, else what happened.
    static func problem(_ fault: Fault) -> String? {
        let result = Result { () throws(GraphvizError) in
            try Graphviz.render(dot: fault.dot, format: fault.format, engine: fault.engine, maxPixels: fault.maxPixels,
                                budget: fault.budget)
        }
        switch (fault.outcome, result) {
        case (.error(let prefix), .failure(let error)):
            if !error.message.hasPrefix(prefix) { return "\(fault.name): message \(error.message.debugDescription), expected \(prefix.debugDescription)…" }
            if error.message.contains("\n") || error.message.isEmpty { return "\(fault.name): not one line: \(error.message.debugDescription)" }
            return nil
        case (.capped, .success(let png)):
            guard png.bytes.starts(with: GraphvizTests.pngSignature) else { return "\(fault.name): not a PNG" }
            let size = GraphvizTests.pngSize(png.bytes)
            if size.width * size.height > fault.maxPixels || max(size.width, size.height) >= 32_767 {
                return "\(fault.name): \(size.width)×\(size.height) is over the cap of \(fault.maxPixels)"
            }
            if png.note != "scaled to \(size.width)×\(size.height) px to stay under \(fault.maxPixels) pixels" {
                return "\(fault.name): note \(String(describing: png.note))"
            }
            return nil
        case (.renders, .success(let rendering)):
            return rendering.bytes.isEmpty ? "\(fault.name): empty output" : nil
        default:
            return "\(fault.name): expected \(fault.outcome), got \(result)"
        }
    }

    /// Nil when a good graph naming `name` renders to SVG and draws that node (and nothing left over).
    static func goodRenderProblem(_ name: String) -> String? {
        do {
            let svg = try Graphviz.render(dot: "digraph { \(name) -> \(name)_next }", format: "svg")
            let text = String(decoding: svg.bytes, as: UTF8.self)
            guard GraphvizTests.draws(svg.bytes, name), text.hasSuffix("</svg>\n"), svg.note == nil else { return "\(name): bad SVG after a fault" }
            return nil
        } catch {
            return "\(name): a good render failed after a fault: \(error)"
        }
    }

    @Test("each fault", arguments: faults)
    func fault(_ fault: Fault) {
        #expect(Self.problem(fault) == nil)
        #expect(Self.goodRenderProblem("after") == nil)
        // The fault leaves nothing behind for the next one: validating still works too.
        #expect((try? Graphviz.validate(dot: "digraph { ok }")) != nil)
    }

    @Test("faults and good renders interleaved from 8 tasks at once")
    func parallel() async {
        let faults = Self.faults.filter { !$0.name.contains("20,000") }  // the two slow parses once, above
        let problems = await withTaskGroup(of: [String].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var problems: [String] = []
                    // Each task a quarter of the faults, tasks 4-7 in reverse order: every fault twice in all.
                    let mine = Array(stride(from: task % 4, to: faults.count, by: 4))
                    for k in task < 4 ? mine : mine.reversed() {
                        let fault = faults[k]
                        if let p = Self.problem(fault) { problems.append("task \(task): \(p)") }
                        if let p = Self.goodRenderProblem("t\(task)_\(k)") { problems.append("task \(task), after \(fault.name): \(p)") }
                    }
                    return problems
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(problems.isEmpty, "\(problems)")
    }
}
