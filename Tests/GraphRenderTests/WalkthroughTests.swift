import Foundation
import Testing
@testable import GraphRender
import Micrograd

@Suite("Walkthrough: the computation step by step, as one HTML page")
struct WalkthroughTests {
    /// The grads `backward()` leaves, run from each root in turn as `Drawing` does, by snapshot id.
    static func engineGrads(_ roots: [Value]) -> [Double] {
        for root in roots { root.backward() }
        return Snapshot(of: roots).nodes.map(\.grad)
    }

    @Test("the warm-up: one frame per node, the seed, one per op node; the last frame is backward()'s")
    func warmUpFrames() {
        let g = Graph()
        let walk = Walkthrough([LabGraphs.warmUp(g)])
        let nodes = walk.snapshot.nodes
        #expect(nodes.count == 7)
        #expect(walk.steps.count == nodes.count + 1 + nodes.filter { $0.op != .leaf }.count)
        #expect(walk.steps.map(\.kind) == Array(repeating: .forward, count: 7) + [.seed] + Array(repeating: .backward, count: 3))
        #expect(walk.steps.prefix(7).map(\.node) == Array(0..<7))
        #expect(walk.steps.suffix(4).map(\.node) == [6, 6, 5, 4])
        #expect(walk.grads(after: 6) == Array(repeating: 0, count: 7))
        let fresh = Graph()
        #expect(walk.grads(after: walk.steps.count - 1) == Self.engineGrads([LabGraphs.warmUp(fresh)]))
        #expect(walk.grads(after: walk.steps.count - 1) == [6, -4, -2, 4, -2, -2, 1])
    }

    @Test("each step's text writes the rule out with the numbers")
    func warmUpTexts() {
        let g = Graph()
        let steps = Walkthrough([LabGraphs.warmUp(g)]).steps
        #expect(steps[4].text == "forward: e = a * b = 2 * -3 = -6\n")
        #expect(steps[7].text == "backward: seed ∂L/∂L = 1 (L.grad = 1)\n")
        let e = steps.last!
        #expect(e.kind == .backward && e.node == 4)
        #expect(e.text.contains("∂L/∂a += ∂L/∂e · b = -2 · (-3) = 6\n"))
        #expect(e.text.contains("∂L/∂b += ∂L/∂e · a = -2 · 2 = -4\n"))
        #expect(e.grads == [.init(node: 0, grad: 6), .init(node: 1, grad: -4)])
        #expect(steps[9].text.contains("∂L/∂c += ∂L/∂d · 1 = -2 · 1 = -2\n"))
    }

    @Test("tanh, **, exp, log, ReLU rules; unlabelled nodes are named by id; += shows the sum")
    func rules() {
        let g = Graph()
        let x = g.leaf(1.5, label: "x")
        let y = ((x ** 2).exp().log().relu() + x).tanh().labelled("o")
        let texts = Walkthrough([y]).steps.map(\.text).joined()
        #expect(texts.contains("forward: n1 = x**2 = 1.5**2 = 2.25\n"))
        #expect(texts.contains("∂o/∂n5 += ∂o/∂o · (1 − o²) = 1 · (1 − 0.998894²) = 0.00220989\n"))
        #expect(texts.contains("∂o/∂x += ∂o/∂n5 · 1 = 0.00220989 · 1 = 0.00220989\n"))
        #expect(texts.contains("∂o/∂n3 += ∂o/∂n4 · (1 if n4 > 0 else 0) = 0.00220989 · (1 if 2.25 > 0 else 0) = 0.00220989\n"))
        #expect(texts.contains("∂o/∂n2 += ∂o/∂n3 · 1/n2 = 0.00220989 · 1/9.48774 = 0.000232921\n"))
        #expect(texts.contains("∂o/∂n1 += ∂o/∂n2 · exp(n1) = 0.000232921 · exp(2.25) = 0.00220989\n"))
        #expect(texts.contains("∂o/∂x += ∂o/∂n1 · 2·x^1 = 0.00220989 · 2·1.5^1 = 0.00662968  (was 0.00220989, now 0.00883957)\n"))
    }

    @Test("replayed grads equal backward()'s bit for bit", arguments: ["neuron", "a*a", "mlp loss", "mlp outputs"])
    func exact(graph name: String) {
        func build(_ g: Graph) -> [Value] {
            switch name {
            case "neuron": return [LabGraphs.neuron(g)]
            case "a*a":
                let a = g.leaf(-3, label: "a")
                return [a * a + (a ** -1) / a]
            case "mlp loss":
                var random = PythonRandom(seed: 1337)
                let mlp = MLP(3, [4, 4, 1], random: &random, graph: g)
                return [Loss.sse(Dataset.lab.xs.map { mlp($0)[0] }, Dataset.lab.ys)]
            default:
                var random = PythonRandom(seed: 7)
                return MLP(3, [4], random: &random, graph: g)([1, -2, 3])
            }
        }
        let g = Graph(), fresh = Graph()
        let walk = Walkthrough(build(g))
        let replayed = walk.grads(after: walk.steps.count - 1)
        #expect(replayed.map(\.bitPattern) == Self.engineGrads(build(fresh)).map(\.bitPattern))
        #expect(replayed.map(\.bitPattern) == walk.snapshot.nodes.map(\.grad.bitPattern))
    }

    @Test("the graph's grads are left as they were")
    func leavesGraphAlone() {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        _ = Walkthrough([L])
        #expect(Snapshot(of: L).nodes.allSatisfy { $0.grad == 0 })
        L.backward()
        let after = Snapshot(of: L)
        let walk = Walkthrough([L])
        #expect(Snapshot(of: L) == after)
        #expect(walk.snapshot == after)
    }

    @Test("the warm-up page is self-contained, under 50 KB, with one SVG and the table")
    func page() throws {
        let g = Graph()
        let html = try Picture.walkthrough([LabGraphs.warmUp(g)], PictureRequest())
        #expect(html.utf8.count < 50_000)
        for outside in ["http://", "https://", "src=", "<link", "@import", "url("] { #expect(!html.contains(outside)) }
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.components(separatedBy: "<svg").count == 2 && !html.contains("<?xml"))
        #expect(html.contains("<title>n4</title>") && html.contains("step 1 / 11"))
        #expect(html.contains("[\"b\",4,[0,\"6.0000\",1,\"-4.0000\"],"))
    }

    @Test("labels cannot break out of the page's script or title")
    func escaping() throws {
        let g = Graph()
        let html = try Picture.walkthrough([(g.leaf(1, label: "</script><b>") * 2).labelled("a&b")], PictureRequest())
        #expect(html.components(separatedBy: "</script>").count == 2)
        #expect(html.contains("<title>micrograd walkthrough: a&amp;b</title>"))
    }

    @Test("a quiz page asks, at each backward step, for the exact grads it changes; a plain page asks nothing")
    func quiz() throws {
        let g = Graph()
        let quiz = try Picture.walkthrough([LabGraphs.warmUp(g)], PictureRequest(), quiz: true)
        #expect(quiz.contains("\"quiz\":[\n  [],\n"))
        #expect(quiz.contains("[[\"∂L/∂d\", -2.0], [\"∂L/∂f\", 4.0]]"))
        #expect(quiz.contains("[[\"∂L/∂a\", 6.0], [\"∂L/∂b\", -4.0]]\n]}"))
        #expect(quiz.contains("Quiz: at each backward step"))
        let plain = try Picture.walkthrough([LabGraphs.warmUp(g)], PictureRequest())
        #expect(plain.contains("\"quiz\":false}") && !plain.contains("Quiz: at each backward step"))
    }
}
