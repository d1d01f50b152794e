import Foundation
import Testing
@testable import GraphRender
import Micrograd

/// Graphs of the lab, built with the library as the golden files were made with the CLI.
enum LabGraphs {
    static func warmUp(_ g: Graph) -> Value {
        let a = g.leaf(2, label: "a"), b = g.leaf(-3, label: "b")
        let c = g.leaf(10, label: "c"), f = g.leaf(-2, label: "f")
        let e = (a * b).labelled("e"), d = (e + c).labelled("d")
        return (d * f).labelled("L")
    }

    static func neuron(_ g: Graph) -> Value {
        let x1 = g.leaf(2, label: "x1"), w1 = g.leaf(-3, label: "w1")
        let x2 = g.leaf(0, label: "x2"), w2 = g.leaf(1, label: "w2")
        let b = g.leaf(6.8813735870195432, label: "b")
        return (x1 * w1 + x2 * w2 + b).labelled("n").tanh().labelled("o")
    }

    static func golden(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/golden/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }
}

@Suite("DOTWriter: the lab's draw_dot picture, byte for byte")
struct DOTWriterTests {
    @Test("the warm-up after backward equals Fixtures/golden/warmup.dot")
    func warmUp() throws {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        L.backward()
        let dot = DOTWriter.dot(Snapshot(of: L))
        #expect(dot == (try LabGraphs.golden("warmup.dot")))
        #expect(dot.contains("n0 [label=\"{ a | data 2.0000 | grad 6.0000 }\" shape=record"))
        try Graphviz.validate(dot: dot)
    }

    @Test("the single neuron after backward equals Fixtures/golden/neuron.dot")
    func neuron() throws {
        let g = Graph()
        let o = LabGraphs.neuron(g)
        o.backward()
        let dot = DOTWriter.dot(Snapshot(of: o))
        #expect(dot == (try LabGraphs.golden("neuron.dot")))
        #expect(dot.contains("[label=\"tanh\""))
        try Graphviz.validate(dot: dot)
    }

    @Test("MLP(3,[4,4,1]) forward on [1,2,3]: golden, 199 DOT nodes and 210 edges as the lab")
    func mlp() throws {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4, 4, 1], random: &random)
        let dot = DOTWriter.dot(Snapshot(of: mlp([1, 2, 3])))
        #expect(dot == (try LabGraphs.golden("mlp-3-4-4-1-forward.dot")))
        let lines = dot.split(separator: "\n")
        #expect(lines.filter { $0.contains("[label=") }.count == 199)
        #expect(lines.filter { $0.contains(" -> ") && !$0.hasSuffix("[style=invis]") }.count == 210, "the lab's edges")
        try Graphviz.validate(dot: dot)
    }

    @Test("output is deterministic: the same program twice gives the same bytes")
    func deterministic() {
        func draw() -> String {
            var random = PythonRandom(seed: 7)
            let mlp = MLP(2, [3, 1], random: &random)
            let y = mlp([0.5, -1])[0]
            y.backward()
            return DOTWriter.dot(Snapshot(of: y))
        }
        #expect(draw() == draw())
    }

    @Test("labels with record metacharacters are escaped and parse with zero errors", arguments: [
        "a|b", "{x}", "<port>", "back\\slash", "quo\"te", "a & b", "x<1>", "{unbalanced", "  spaced  ",
        "new\nline", "tab\there", "α b", "日本語", "emoji 🙂", "\\N", "\\l\\r", "",
    ])
    func escaping(label: String) throws {
        let g = Graph()
        let x = g.leaf(1, label: label)
        let dot = DOTWriter.dot(Snapshot(of: x * 2))
        try Graphviz.validate(dot: dot)
        let svg = String(decoding: try Graphviz.render(dot: dot, format: "svg").bytes, as: UTF8.self)
        #expect(svg.contains("<svg"))
        #expect(!svg.contains(">n0</text>"), "a bad label makes Graphviz show the node's name instead")
        #expect(svg.contains("data 1.0000"))
    }

    @Test("nan and infinities print as nan, inf, -inf")
    func nonFinite() throws {
        let g = Graph()
        let x = g.leaf(-1, label: "x"), z = g.leaf(0, label: "z")
        let root = x.log() + z ** -1 + (z ** -1) * -1
        let dot = DOTWriter.dot(Snapshot(of: root))
        #expect(dot.contains("data nan"))
        #expect(dot.contains("data inf"))
        #expect(dot.contains("data -inf"))
        try Graphviz.validate(dot: dot)
    }

    @Test("precision and rankdir are honoured")
    func options() {
        let g = Graph()
        let dot = DOTWriter.dot(Snapshot(of: g.leaf(1.0 / 3, label: "t")), options: DOTOptions(rankdir: .TB, precision: 2))
        #expect(dot.contains("rankdir=TB") && dot.contains("data 0.33 | grad 0.00"))
    }

    @Test("both stages: two clusters with the grads before and after backward")
    func bothStages() throws {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        let before = Snapshot(of: L)
        L.backward()
        let dot = DOTWriter.dot(before: before, after: Snapshot(of: L))
        #expect(dot.contains("subgraph cluster_forward") && dot.contains("label=\"before backward\""))
        #expect(dot.contains("subgraph cluster_backward") && dot.contains("label=\"after backward\""))
        #expect(dot.contains("fn0 [label=\"{ a | data 2.0000 | grad 0.0000 }\""))
        #expect(dot.contains("bn0 [label=\"{ a | data 2.0000 | grad 6.0000 }\""))
        try Graphviz.validate(dot: dot)
    }
}
