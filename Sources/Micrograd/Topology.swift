/// What `trace(root)` finds: the values a root depends on and the edges between them.
public struct Trace: Sendable, Equatable {
    /// An edge from an operand to the node that used it.
    public struct Edge: Sendable, Hashable {
        /// The operand's index.
        public let from: Int
        /// The index of the node that used it.
        public let to: Int
    }

    /// Indices of the reachable nodes, in creation order (root last).
    public let nodes: [Int]
    /// One edge per distinct (operand, node) pair, as the lab's edge *set* has them
    /// (`a*a` gives one edge), ordered by node, then operand.
    public let edges: [Edge]
}

extension Graph {
    /// The lab's `trace(root)`: every node `root` depends on, and the edges between them.
    public func trace(_ root: Value) -> Trace { trace([root]) }

    /// Every node the roots depend on (the union of their traces), and the edges between them.
    /// Iterative: one reverse sweep from the newest root marks what the roots reach.
    public func trace(_ roots: [Value]) -> Trace {
        precondition(roots.allSatisfy { $0.graph === self }, "a root belongs to another graph")
        let newest = roots.map(\.index).max() ?? -1
        var reachable = [Bool](repeating: false, count: newest + 1)
        for root in roots { reachable[root.index] = true }
        var nodes: [Int] = []
        var edges: [Trace.Edge] = []
        for i in stride(from: newest, through: 0, by: -1) where reachable[i] {
            nodes.append(i)
            let children = operands(of: i)
            for (k, c) in children.enumerated() {
                reachable[c] = true
                if k == 0 || c != children[0] { edges.append(Trace.Edge(from: c, to: i)) }
            }
        }
        return Trace(nodes: nodes.reversed(), edges: edges.reversed())
    }

    /// The lab's `build_topo`: a depth-first post-order from `root`, visiting operands in order,
    /// so every node comes after the nodes it depends on. Iterative, with an explicit stack.
    /// Creation order is also topological; this order is the one the lab's `backward` walks.
    public func topologicalOrder(from root: Value) -> [Int] {
        precondition(root.graph === self, "the root belongs to another graph")
        var visited = [Bool](repeating: false, count: root.index + 1)
        var order: [Int] = []
        var stack: [(node: Int, next: Int)] = [(root.index, 0)]
        visited[root.index] = true
        while let (node, next) = stack.last {
            let children = operands(of: node)
            if next < children.count {
                stack[stack.count - 1].next += 1
                let child = children[next]
                if !visited[child] {
                    visited[child] = true
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        return order
    }

    /// Backpropagates from `root` the lab's way: seed 1, then each node's local rule in the
    /// reverse of `topologicalOrder(from:)`. Gives the grads `backward()` gives (up to the order
    /// of summation); kept to show that the two orders agree.
    public func backwardInDepthFirstOrder(from root: Value) {
        root.grad = 1.0
        for i in topologicalOrder(from: root).reversed() where op[i] != .leaf {
            propagate(i)
        }
    }
}
