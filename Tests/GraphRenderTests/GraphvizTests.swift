import GraphRender
import Testing

@Suite struct GraphvizTests {
    /// A tiny valid graph whose SVG names its only node `name`.
    static func good(_ name: String) -> String { "digraph { \(name) }" }

    /// True when `svg` draws a node called `name` (SVG gives each node a `<title>`).
    static func draws(_ svg: [UInt8], _ name: String) -> Bool {
        String(decoding: svg, as: UTF8.self).contains("<title>\(name)</title>")
    }

    /// The 8 bytes every PNG file starts with.
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Width and height of a PNG, from its IHDR chunk (bytes 16..23, big-endian).
    static func pngSize(_ png: [UInt8]) -> (width: Int, height: Int) {
        func word(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    /// Record nodes, `rows` chains of `columns` nodes each, drawn left to right, with extra graph `attributes`.
    static func records(rows: Int, columns: Int, attributes: String = "") -> String {
        var dot = "digraph { rankdir=LR; \(attributes) node [shape=record]\n"
        for row in 0..<rows {
            for column in 0..<columns {
                dot += "n\(row)_\(column) [label=\"{ value \(column) | data 1.2345 | grad 0.5 }\"]\n"
                if column > 0 { dot += "n\(row)_\(column - 1) -> n\(row)_\(column)\n" }
            }
        }
        return dot + "}"
    }

    /// Checks a capped PNG: within `maxPixels`, under cairo's side limit, and described by its note.
    static func expectCapped(_ rendering: Rendering, maxPixels: Int) {
        let size = pngSize(rendering.bytes)
        #expect(size.width * size.height <= maxPixels)
        #expect(max(size.width, size.height) < 32_767)
        #expect(rendering.note == "scaled to \(size.width)×\(size.height) px to stay under \(maxPixels) pixels")
    }

    @Test func svgIsSVG() throws {
        let svg = try Graphviz.render(dot: "digraph { a -> b }", format: "svg")
        #expect(String(decoding: svg.bytes, as: UTF8.self).contains("<svg"))
        #expect(Self.draws(svg.bytes, "a") && Self.draws(svg.bytes, "b"))
        #expect(svg.note == nil)
    }

    @Test func pngHasSignatureAndNoNoteWhenSmall() throws {
        let png = try Graphviz.render(dot: "digraph { a -> b }", format: "png")
        #expect(png.bytes.starts(with: Self.pngSignature))
        #expect(png.note == nil)
    }

    @Test func pdfStartsWithPDF() throws {
        let pdf = try Graphviz.render(dot: "digraph { a -> b }", format: "pdf")
        #expect(pdf.bytes.starts(with: Array("%PDF".utf8)))
    }

    @Test func everyListedFormatRenders() throws {
        #expect(Set(["svg", "png", "pdf", "dot", "xdot", "json", "plain"]).isSubset(of: Graphviz.formats))
        for format in Graphviz.formats {
            let rendering = try Graphviz.render(dot: "digraph { a -> b }", format: format)
            #expect(!rendering.bytes.isEmpty, "\(format)")
        }
    }

    @Test(arguments: [
        ("graph { a -> b }", "syntax error in line 1 near '->'"),
        ("digraph { a -> }", "syntax error in line 1 near '}'"),
        ("digraph {\n a -> b\n c -> -> d\n}", "syntax error in line 3 near '->'"),
    ])
    func malformedDOTThrowsOneCleanLine(dot: String, message: String) throws {
        let error = #expect(throws: GraphvizError.self) { try Graphviz.render(dot: dot, format: "svg") }
        #expect(error?.message == message)
        #expect(error?.description == message)
        let next = try Graphviz.render(dot: Self.good("after"), format: "svg")
        #expect(Self.draws(next.bytes, "after"))
    }

    @Test func emptyTextThrows() {
        let error = #expect(throws: GraphvizError.self) { try Graphviz.render(dot: "", format: "svg") }
        #expect(error?.message.isEmpty == false)
    }

    /// Input the lexer leaves unread must not leak into the next parse.
    @Test(arguments: ["digraph{a->b};", "digraph{a->b} // comment", "digraph{a->b} digraph{c->d}"])
    func leftoverInputDoesNotLeak(dot: String) throws {
        let first = try Graphviz.render(dot: dot, format: "svg")
        #expect(Self.draws(first.bytes, "a"))
        let next = try Graphviz.render(dot: Self.good("fresh"), format: "svg")
        #expect(Self.draws(next.bytes, "fresh"))
        #expect(!Self.draws(next.bytes, "c"))
        try Graphviz.validate(dot: Self.good("fresh"))
    }

    @Test func unknownEngineThrows() {
        let error = #expect(throws: GraphvizError.self) {
            try Graphviz.render(dot: Self.good("a"), format: "svg", engine: "foo")
        }
        #expect(error?.message == #"unknown layout engine "foo""#)
    }

    @Test func otherEnginesWork() throws {
        for engine in ["neato", "circo", "fdp"] {
            let svg = try Graphviz.render(dot: "digraph { a -> b }", format: "svg", engine: engine)
            #expect(Self.draws(svg.bytes, "a"), "\(engine)")
        }
    }

    @Test(arguments: ["foo", "x11", ""])
    func unknownFormatThrows(format: String) {
        let error = #expect(throws: GraphvizError.self) { try Graphviz.render(dot: Self.good("a"), format: format) }
        #expect(error?.message == "unknown output format \"\(format)\"")
    }

    @Test func badRecordLabelThrowsAndNextRenderWorks() throws {
        let error = #expect(throws: GraphvizError.self) {
            try Graphviz.render(dot: #"digraph { a [shape=record label="{a|b"] }"#, format: "svg")
        }
        #expect(error?.message.hasPrefix("bad label format") == true)
        let next = try Graphviz.render(dot: Self.good("after"), format: "svg")
        #expect(Self.draws(next.bytes, "after"))
    }

    @Test func validateAcceptsGoodAndRejectsBad() throws {
        try Graphviz.validate(dot: "digraph { a -> b [label=\"x\"] }")
        let error = #expect(throws: GraphvizError.self) { try Graphviz.validate(dot: "digraph { a -> -> b }") }
        #expect(error?.message == "syntax error in line 1 near '->'")
        #expect(throws: GraphvizError.self) { try Graphviz.validate(dot: "") }
        try Graphviz.validate(dot: Self.good("again"))
    }

    /// Renders input of one of four kinds (bad syntax, bad record label, PNG with a trailing comment,
    /// plain SVG) naming `name`; nil when the outcome is the expected one, else a description of it.
    static func problem(kind: Int, name: String) -> String? {
        let dot = ["digraph { \(name) -> }", "digraph { \(name) [shape=record label=\"{x\"] }",
                   good(name) + " // tail", good(name)][kind]
        let result = Result { () throws(GraphvizError) in try Graphviz.render(dot: dot, format: kind == 2 ? "png" : "svg") }
        switch (kind, result) {
        case (0, .failure(let error)) where error.message.hasPrefix("syntax error in line 1"): return nil
        case (1, .failure(let error)) where error.message.hasPrefix("bad label format"): return nil
        case (2, .success(let png)) where png.bytes.starts(with: pngSignature): return nil
        case (3, .success(let svg)) where draws(svg.bytes, name): return nil
        default: return "\(name): \(result)"
        }
    }

    @Test func parallelRendersAreIndependent() async {
        let problems = await withTaskGroup(of: [String].self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<20).compactMap { index in Self.problem(kind: (task + index) % 4, name: "n\(task)_\(index)") }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(problems.isEmpty)
    }

    @Test func longChainPNGIsCapped() throws {
        let png = try Graphviz.render(dot: Self.records(rows: 1, columns: 400), format: "png", maxPixels: 1_000_000)
        Self.expectCapped(png, maxPixels: 1_000_000)
    }

    /// The graph's own dpi and `size` (here scaled up with "!") are taken into account.
    @Test(arguments: ["", "dpi=300", #"size="100,100!""#])
    func widePNGIsScaledToNearlyTheCap(attributes: String) throws {
        let dot = Self.records(rows: 20, columns: 20, attributes: attributes)
        let png = try Graphviz.render(dot: dot, format: "png", maxPixels: 1_000_000)
        Self.expectCapped(png, maxPixels: 1_000_000)
        let size = Self.pngSize(png.bytes)
        #expect(size.width * size.height > 950_000)
    }

    /// A graph drawn at 300 dpi is about 10 times the area it has at the default 96 dpi.
    @Test func graphOwnDPICountsTowardsTheCap() throws {
        let plain = Self.pngSize(try Graphviz.render(dot: Self.records(rows: 2, columns: 3), format: "png").bytes)
        let cap = 2 * plain.width * plain.height
        let png = try Graphviz.render(dot: Self.records(rows: 2, columns: 3, attributes: "dpi=300"), format: "png", maxPixels: cap)
        Self.expectCapped(png, maxPixels: cap)
    }

    @Test func impossibleCapThrows() {
        #expect(throws: GraphvizError.self) {
            try Graphviz.render(dot: Self.records(rows: 1, columns: 400), format: "png", maxPixels: 10)
        }
    }
}
