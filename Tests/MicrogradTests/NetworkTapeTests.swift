import Testing
@testable import Micrograd

@Suite("The readable network code and the fast path build the same tape")
struct NetworkTapeTests {
    /// The lab's forward pass written with the readable API: `for layer in layers: x = layer(x)`.
    static func readableForward(_ mlp: MLP, _ x: [Double]) -> [Value] {
        var out = mlp.layers[0](x)
        for layer in mlp.layers.dropFirst() { out = layer(out) }
        return out
    }

    /// Every column but the labels (the fast path names its input leaves x0, x1, …), node by node.
    static func sameNodes(_ a: Graph, _ b: Graph) -> Bool {
        a.count == b.count && (0..<a.count).allSatisfy { i in
            a.op[i] == b.op[i] && a.lhs[i] == b.lhs[i] && a.rhs[i] == b.rhs[i]
                && a.data[i].bitPattern == b.data[i].bitPattern && a.exponent[i].bitPattern == b.exponent[i].bitPattern
                && a.grad[i].bitPattern == b.grad[i].bitPattern
        }
    }

    static func network(_ activation: Activation, linearOutput: Bool) -> MLP {
        var random = PythonRandom(seed: 1337)
        return MLP(3, [4, 4, 1], random: &random, activation: activation, linearOutput: linearOutput)
    }

    @Test("forward passes and the loss, then backward: identical tapes", arguments: [
        (Activation.tanh, false), (.relu, true), (.relu, false),
    ])
    func identical(activation: Activation, linearOutput: Bool) {
        for loss in Loss.allCases {
            let readable = Self.network(activation, linearOutput: linearOutput)
            let fast = Self.network(activation, linearOutput: linearOutput)
            let slowLoss = loss(Dataset.lab.xs.map { Self.readableForward(readable, $0)[0] }, Dataset.lab.ys)
            let fastLoss = fast.loss(on: .lab, loss)
            #expect(Self.sameNodes(readable.graph, fast.graph), "\(loss): the same nodes in the same order")
            slowLoss.backward()
            fastLoss.backward()
            #expect(Self.sameNodes(readable.graph, fast.graph), "\(loss): the same grads")
            #expect(slowLoss.index == fastLoss.index)
        }
    }

    @Test("a forward pass on numbers: the same nodes; the fast path labels its inputs x0, x1, …")
    func forwardOnNumbers() {
        let readable = Self.network(.tanh, linearOutput: false)
        let fast = Self.network(.tanh, linearOutput: false)
        let a = Self.readableForward(readable, [2, 3, -1])
        let b = fast([2, 3, -1])
        #expect(Self.sameNodes(readable.graph, fast.graph))
        #expect(a.map(\.data) == b.map(\.data))
        #expect(fast.graph.trace(b[0]).nodes.map { fast.graph[$0] }.filter { $0.label == "x0" }.count == 4)
    }
}
