import Testing
@testable import GraphRender
import Micrograd

@Suite("BackwardTable: the lab's §1.2 table, from the walkthrough's replay")
struct BackwardTableTests {
    @Test("the warm-up gives the solution's rows, rules and grads, in backward's order")
    func warmUp() {
        let g = Graph()
        let table = BackwardTable([LabGraphs.warmUp(g)])
        #expect(table.rows.map(\.name) == ["L", "d", "f", "e", "c", "a", "b"])
        #expect(table.rows.map(\.rule) == [
            "seed", "∂L/∂d = f", "∂L/∂f = d", "∂L/∂e = ∂L/∂d · 1", "∂L/∂c = ∂L/∂d · 1", "∂L/∂a = ∂L/∂e · b", "∂L/∂b = ∂L/∂e · a",
        ])
        #expect(table.rows.map(\.numbers) == ["", "-2", "4", "(-2) · 1", "(-2) · 1", "(-2) · (-3)", "(-2) · 2"])
        #expect(table.rows.map(\.grad) == [1, -2, 4, -2, -2, 6, -4])
        #expect(table.nonFinite == nil)
        #expect((0..<g.count).map { g[$0].grad } == Array(repeating: 0, count: 7), "the caller's graph is left alone")
    }

    @Test("the text is aligned columns, one row a node")
    func text() {
        let g = Graph()
        let lines = BackwardTable([LabGraphs.warmUp(g)]).text.split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines[0] == "node  local rule         in numbers     ∂L/∂v")
        #expect(lines[1] == "L     seed                              1")
        #expect(lines[2] == "d     ∂L/∂d = f          = -2           -2")
        #expect(lines[6] == "a     ∂L/∂a = ∂L/∂e · b  = (-2) · (-3)  6")
        #expect(lines[7] == "b     ∂L/∂b = ∂L/∂e · a  = (-2) · 2     -4")
    }

    @Test("a node used twice lists each use and their sum (a + a, a * a)")
    func usedTwice() {
        let g = Graph()
        let a = g.leaf(3, label: "a")
        let sum = BackwardTable([(a + a).labelled("L")])
        #expect(sum.rows.map(\.name) == ["L", "a"])
        #expect(sum.rows[1].rule == "∂L/∂a = 1 + 1")
        #expect(sum.rows[1].terms.map(\.amount) == [1, 1])
        #expect(sum.rows[1].grad == 2)
        let h = Graph()
        let x = h.leaf(-2, label: "x")
        let y = (x * x).labelled("y")
        let square = BackwardTable([(y * 5).labelled("L")])
        let row = square.rows.first { $0.name == "x" }!
        #expect(row.rule == "∂L/∂x = ∂L/∂y · x + ∂L/∂y · x")
        #expect(row.numbers == "5 · (-2) + 5 · (-2)")
        #expect(row.grad == -20)
    }

    @Test("a nan is traced to the node that made it, with why and the place the caller gives")
    func nonFinite() {
        let g = Graph()
        let a = g.leaf(-1, label: "a"), b = g.leaf(2, label: "b")
        let y = (a.log().labelled("l") * b).labelled("y")
        let table = BackwardTable([y]) { index in index == 2 ? (line: 1, column: 5) : nil }
        let n = table.nonFinite
        #expect(n?.name == "l" && n?.inGrad == false && n?.line == 1 && n?.column == 5)
        #expect(n?.reason == "log of a negative number, log(-1) = nan")
        #expect(table.text.hasSuffix("a nan or inf first appears in l, line 1, column 5: log of a negative number, log(-1) = nan\n"))
    }

    @Test("an inf in the grads only is traced to the local rule that gave it")
    func infiniteGrad() {
        let g = Graph()
        let x = g.leaf(0, label: "x")
        let table = BackwardTable([(x ** 0.5).labelled("r")])
        #expect(table.nonFinite?.name == "r")
        #expect(table.nonFinite?.inGrad == true)
        #expect(table.rows.last?.grad == .infinity)
    }

    @Test("md, tex and json carry the same rows")
    func formats() {
        let g = Graph()
        let table = BackwardTable([LabGraphs.warmUp(g)])
        #expect(table.markdown.contains("| a | `∂L/∂a = ∂L/∂e · b` | `= (-2) · (-3)` | 6 |\n"))
        #expect(table.tex.contains("a & $\\partial L/\\partial a = \\partial L/\\partial e \\cdot b$ & $= (-2) \\cdot (-3)$ & $6$ \\\\\n"))
        #expect(table.tex.hasPrefix("\\begin{tabular}{llll}\n"))
        #expect(table.json.contains("{\"node\": 0, \"name\": \"a\", \"rule\": \"∂L/∂a = ∂L/∂e · b\", \"numbers\": \"(-2) · (-3)\", \"grad\": 6.0, "))
        #expect(table.json.hasSuffix("\"non_finite\": null}"))
    }

    @Test("the math of a rule: names longer than a letter upright-italic, functions as operators")
    func math() {
        #expect(TeX.math("∂o/∂n = (1 − o²)") == "$\\partial o/\\partial n = (1 - o^2)$")
        #expect(TeX.math("∂L/∂w_1 = exp(x1)") == "$\\partial L/\\partial \\mathit{w\\_1} = \\exp(\\mathit{x1})$")
        #expect(TeX.text("a_b & 50%") == "a\\_b \\& 50\\%")
    }
}
