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
        /// The op that made the value (`.leaf` for inputs, parameters and numbers).
        public let op: Op
        /// The exponent `k` of a `**k` node; 0 for other ops.
        public let exponent: Double
        /// The value's data.
        public let data: Double
        /// The value's grad.
        public let grad: Double
        /// Ids of the operands, in the order the op took them (repeats kept).
        public let children: [Int]
        /// Which network code made the value, if any.
        public let scope: Scope?
        /// What the value is in the computation.
        public let role: Role

        /// The op's name as the lab prints it (`+`, `**2`, `tanh`); empty for a leaf.
        public var opName: String { op.name(exponent: exponent) }
    }

    /// What a value is in the computation; pictures colour by it.
    public enum Role: String, Sendable, CaseIterable {
        /// An input: a labelled leaf of a program, or a network's input.
        case input
        /// A weight or bias.
        case parameter
        /// A plain number coerced into the graph (unlabelled leaf, a target, a loss's 0).
        case constant
        /// A computed value.
        case value
        /// A root: the program's result, a network's output, the loss.
        case output
    }

    /// The nodes, in creation order.
    public let nodes: [Node]
    /// The ids of the roots (a network's outputs), in order; the last is the newest node.
    public let roots: [Int]
    /// The root's id: the last root.
    public var root: Int { roots.last! }

    /// Captures what `root` depends on, as it is now.
    public init(of root: Value) { self.init(of: [root]) }

    /// Captures what the roots depend on, as it is now; with `grads: false`, every grad as 0
    /// (the picture before backward).
    public init(of roots: [Value], grads: Bool = true) {
        precondition(!roots.isEmpty, "a snapshot needs a root")
        let graph = roots[0].graph
        let trace = graph.trace(roots)
        var id = [Int](repeating: -1, count: (trace.nodes.last ?? -1) + 1)  // tape index → snapshot id
        for (k, index) in trace.nodes.enumerated() { id[index] = k }
        let scopes = graph.scopes(of: trace.nodes)
        let rootIndices = Set(roots.map(\.index))
        nodes = trace.nodes.enumerated().map { k, index in
            let v = graph[index]
            let role = rootIndices.contains(index) ? .output : Self.role(of: v, scope: scopes[k])
            return Node(id: k, label: v.label, op: v.op, exponent: v.exponent, data: v.data, grad: grads ? v.grad : 0,
                        children: graph.operands(of: index).map { id[$0] }, scope: scopes[k], role: role)
        }
        self.roots = roots.map { id[$0.index] }
    }

    private static func role(of v: Value, scope: Scope?) -> Role {
        guard v.op == .leaf else { return .value }
        switch scope?.kind {
        case .parameters: return .parameter
        case .neuron: return .input
        case .lossTerm, .loss: return .constant
        case nil: return v.label.isEmpty ? .constant : .input
        }
    }

    /// Whether any value was computed for a numbered sample of a dataset.
    var hasSamples: Bool { nodes.contains { $0.scope?.sample != nil } }

    /// The distinct (child, node) edges, as the lab's `trace` counts them (`a*a` gives one).
    public var edges: [(from: Int, to: Int)] {
        nodes.flatMap { node in
            node.children.enumerated().compactMap { k, c in
                k == 0 || c != node.children[0] ? (from: c, to: node.id) : nil
            }
        }
    }
}
