import Foundation
import Testing
@testable import GraphRender
import Micrograd

@Suite("Big graphs: clusters, collapsed depths, colour, layout settings")
struct ViewTests {
    static func lossGraph(_ sizes: [Int] = [4, 4, 1]) -> (MLP, Value) {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, sizes, random: &random)
        return (mlp, mlp.loss(on: .lab))
    }

    static func count(_ text: String, _ piece: String) -> Int { text.components(separatedBy: piece).count - 1 }

    /// The distinct clusters whose names start with `prefix` (a cluster may be opened more than once).
    static func clusters(_ dot: String, _ prefix: String) -> Set<String> {
        Set(dot.components(separatedBy: "subgraph cluster_").dropFirst().map { String($0.prefix { $0 != " " }) }
            .filter { $0.hasPrefix(prefix) })
    }

    @Test("--color none and --depth op is the lab's plain picture: no fill, no clusters, no legend")
    func plainPicture() throws {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        L.backward()
        let dot = DOTWriter.dot(Snapshot(of: L), options: DOTOptions(color: .none))
        #expect(!dot.contains("fillcolor") && !dot.contains("subgraph") && !dot.contains("legend"))
        #expect(dot.contains("\tn0 [label=\"{ a | data 2.0000 | grad 6.0000 }\" shape=record]\n"))
    }

    @Test("op depth of one forward pass: a cluster per layer and per neuron, parameters inside their neuron")
    func clustersOfOneForward() throws {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4, 4, 1], random: &random)
        let dot = DOTWriter.dot(Snapshot(of: mlp([1, 2, 3])))
        #expect(Self.clusters(dot, "L").count == 3 + 9)
        #expect(Self.clusters(dot, "L0N") == ["L0N0", "L0N1", "L0N2", "L0N3"])
        #expect(Self.count(dot, "shape=record") == 126, "every value is still drawn")
        try Graphviz.validate(dot: dot)
    }

    @Test("op depth of the loss: clusters per sample, layer and neuron, and one for the parameters")
    func clustersOfTheLoss() throws {
        let (_, loss) = Self.lossGraph()
        let dot = DOTWriter.dot(Snapshot(of: loss))
        #expect(Self.clusters(dot, "s").count == 4 + 4 * 3 + 4 * 9)
        #expect(Self.clusters(dot, "parameters").count == 1)
        #expect(Self.clusters(dot, "p_").count == 9)
        #expect(Self.count(dot, "shape=record") == 398)
        try Graphviz.validate(dot: dot)
    }

    @Test("neuron depth: one box per neuron and sample, inputs merged, ×N on parallel edges")
    func neuronDepth() throws {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4, 4, 1], random: &random)
        let y = mlp([1, 2, 3])[0]
        y.backward()
        let snapshot = Snapshot(of: y)
        let view = View(snapshot, depth: .neuron)
        #expect(view.boxes.filter { $0.titles.count == 2 }.count == 9, "9 neurons")
        #expect(view.boxes.filter { $0.role == .input }.map(\.titles) == [["x0"], ["x1"], ["x2"]])
        #expect(view.edges.count == 3 * 4 + 4 * 4 + 4 * 1)
        // A collapsed neuron shows its output's data and grad: the last value of its scope.
        let output = view.boxes.first { $0.titles == ["L2N0", "tanh(w·x+b)"] }!
        #expect(output.data == [y.data] && output.grad == [1] && output.role == .output)
        // Inputs' grads are the sums over the copies each neuron coerced.
        let x0 = snapshot.nodes.filter { $0.role == .input && $0.label == "x0" }.map(\.grad).reduce(0, +)
        #expect(view.boxes.first { $0.titles == ["x0"] }!.grad == [x0])
        let dot = DOTWriter.dot(snapshot, options: DOTOptions(depth: .neuron))
        #expect(dot.contains("{ L1N2 | tanh(w·x+b) | data "))
        try Graphviz.validate(dot: dot)
    }

    @Test("layer depth of the loss: one box per layer and sample, merged edges labelled ×N")
    func layerDepth() throws {
        let (_, loss) = Self.lossGraph()
        loss.backward()
        let snapshot = Snapshot(of: loss)
        let view = View(snapshot, depth: .layer)
        #expect(view.boxes.filter { $0.titles[0].contains("Layer") }.count == 4 * 3)
        #expect(view.boxes.filter { $0.role == .input }.count == 4)
        let dot = DOTWriter.dot(snapshot, options: DOTOptions(depth: .layer))
        #expect(Self.count(dot, "[label=\"×16\"]") == 4, "4 outputs of layer 0 into each of 4 neurons, per sample")
        #expect(Self.count(dot, "[label=\"×12\"]") == 4, "3 inputs into each of 4 neurons, per sample")
        #expect(dot.contains("Layer\\ 1\\ ·\\ 4\\ neurons\\ ·\\ 20\\ params"))
        // The loss box shows the loss.
        let lossBox = view.boxes.first { $0.titles == ["loss"] }!
        #expect(lossBox.data == [loss.data] && lossBox.grad == [1])
        // Each layer box lists its neurons' outputs, equal to the full graph's values.
        let sample0Layer1 = view.boxes.first { $0.titles[0].hasPrefix("sample 0 · Layer 1") }!
        let activations = snapshot.nodes.filter { $0.op == .tanh && $0.scope == Scope(.neuron, layer: 1, neuron: $0.scope!.neuron, sample: 0) }
        #expect(sample0Layer1.data == activations.map(\.data))
        try Graphviz.validate(dot: dot)
    }

    @Test("--color grad shades by |grad| and has a legend with the range")
    func gradColour() throws {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        L.backward()
        let dot = DOTWriter.dot(Snapshot(of: L), options: DOTOptions(color: .grad))
        #expect(dot.contains("<TD>|grad|</TD>"))
        #expect(dot.contains("n6 [label=\"{ L | data -8.0000 | grad 1.0000 }\" shape=record style=filled fillcolor=\"#ffffff\"]"),
                "the smallest |grad| (1) is white")
        #expect(dot.contains("n0 [label=\"{ a | data 2.0000 | grad 6.0000 }\" shape=record style=filled fillcolor=\"#ff3728\"]"),
                "the largest is red")
        try Graphviz.validate(dot: dot)
    }

    @Test("past 1,000 nodes the layout uses newrank and low nslimits")
    func largeLayout() {
        let (_, loss) = Self.lossGraph([16, 16, 1])
        let dot = DOTWriter.dot(Snapshot(of: loss))
        #expect(dot.hasPrefix("digraph {\n\tgraph [rankdir=LR newrank=true nslimit=0.1 nslimit1=0.1]\n"))
        let (_, small) = Self.lossGraph()
        #expect(DOTWriter.dot(Snapshot(of: small)).hasPrefix("digraph {\n\tgraph [rankdir=LR]\n"))
    }

}
