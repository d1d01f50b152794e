import Testing
@testable import Micrograd

@Suite("Topology: trace, the lab's DFS order, and deep graphs")
struct TopologyTests {
    @Test("trace of the warm-up: 7 values, 6 edges, in creation order")
    func warmUpTrace() {
        let g = Graph()
        let a = g.leaf(2), b = g.leaf(-3), c = g.leaf(10), f = g.leaf(-2)
        let L = (a * b + c) * f
        _ = g.leaf(99)  // not reachable: not traced
        let t = g.trace(L)
        #expect(t.nodes == [0, 1, 2, 3, 4, 5, 6])
        #expect(t.edges.count == 6)
        #expect(t.edges.contains(Trace.Edge(from: 3, to: 6)))
    }

    @Test("a*a has one edge in trace, as the lab's edge set has")
    func repeatedOperand() {
        let g = Graph()
        let a = g.leaf(3)
        #expect(g.trace(a * a).edges == [Trace.Edge(from: 0, to: 1)])
    }

    @Test("the DFS post-order is topological and gives the same grads as the creation-order sweep")
    func depthFirstOrder() {
        let g = Graph()
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4, 4, 1], random: &random, graph: g)
        let loss = Loss.sse(Dataset.lab.xs.map { mlp($0)[0] }, Dataset.lab.ys)
        let order = g.topologicalOrder(from: loss)
        var position = [Int: Int]()
        for (k, node) in order.enumerated() { position[node] = k }
        #expect(order.count == g.trace(loss).nodes.count && order.last == loss.index)
        #expect(order.allSatisfy { node in g.operands(of: node).allSatisfy { position[$0]! < position[node]! } })

        loss.backward()
        let sweep = mlp.parameters.map(\.grad)
        g.zeroGrad()
        g.backwardInDepthFirstOrder(from: loss)
        let dfs = mlp.parameters.map(\.grad)
        #expect(zip(sweep, dfs).allSatisfy { relativeDifference($0, $1) < 1e-13 })
    }

    @Test("a chain of 10^6 operations builds, runs backward and is freed")
    func millionNodeChain() {
        var g: Graph? = Graph()
        let x = g!.leaf(1.0)
        var y = x
        for _ in 0..<500_000 { y = (y * 1.000001).tanh() }
        #expect(g!.count == 1_500_001)
        y.backward()
        #expect(x.grad > 0 && x.grad.isFinite)
        #expect(g!.topologicalOrder(from: y).count == 1_500_001)
        g = nil
    }
}
