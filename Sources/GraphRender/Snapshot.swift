import Micrograd

/// What a picture shows: the nodes a root depends on, with their numbers at one moment.
///
/// Nodes are numbered 0, 1, … in creation order, so the same program always gives the same
/// ids. Taking a snapshot before and after `backward()` gives the two stages of a picture.
public struct Snapshot: Sendable, Equatable {
    /// One value of the graph.
    public struct Node: Sendable, Equatable {
        /// Position in creation order among the snapshot's nodes.
        public let id: Int
        /// The value's label (may be empty).
        public let label: String
        /// The op's name as the lab prints it (`+`, `**2`, `tanh`); empty for a leaf.
        public let op: String
        /// The value's data.
        public let data: Double
        /// The value's grad.
        public let grad: Double
        /// Ids of the operands, in the order the op took them (repeats kept).
        public let children: [Int]
    }

    /// The nodes, in creation order.
    public let nodes: [Node]
    /// The ids of the roots (a network's outputs), in order; the last is the newest node.
    public let roots: [Int]
    /// The root's id: the last root.
    public var root: Int { roots.last! }

    /// Captures what `root` depends on, as it is now.
    public init(of root: Value) { self.init(of: [root]) }

    /// Captures what the roots depend on, as it is now.
    public init(of roots: [Value]) {
        precondition(!roots.isEmpty, "a snapshot needs a root")
        let graph = roots[0].graph
        let trace = graph.trace(roots)
        var id = [Int: Int](minimumCapacity: trace.nodes.count)
        for (k, index) in trace.nodes.enumerated() { id[index] = k }
        nodes = trace.nodes.enumerated().map { k, index in
            let v = graph[index]
            return Node(id: k, label: v.label, op: v.opName, data: v.data, grad: v.grad,
                        children: graph.operands(of: index).map { id[$0]! })
        }
        self.roots = roots.map { id[$0.index]! }
    }

    /// The distinct (child, node) edges, as the lab's `trace` counts them (`a*a` gives one).
    public var edges: [(from: Int, to: Int)] {
        nodes.flatMap { node in
            node.children.enumerated().compactMap { k, c in
                k == 0 || c != node.children[0] ? (from: c, to: node.id) : nil
            }
        }
    }
}
