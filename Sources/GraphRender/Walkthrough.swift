import Micrograd

/// A computation played step by step: the forward pass node by node, the seed `grad = 1` at the
/// root, then each node's local backward rule in reverse creation order, as `backward()` runs them.
///
/// The grads of every step come from a replay of the engine's sweep: all grads start at 0, the
/// root is seeded with 1, and each node reached from the root (newest first) adds its grad times
/// its local derivatives to its operands' grads, with the formulas and the order of `Op`'s
/// backward table, so the last step shows exactly the grads `backward()` computes. With several
/// roots (a network's outputs) the seed and sweep repeat for each root in turn, as pictures do.
public struct Walkthrough: Sendable {
    /// One frame of the walkthrough.
    public struct Step: Sendable, Equatable {
        /// What happens in a step.
        public enum Kind: String, Sendable {
            /// A node's data is computed (or, for a leaf, given).
            case forward
            /// The root's grad is set to 1.
            case seed
            /// A node's local backward rule adds to its operands' grads.
            case backward
        }

        /// What happens.
        public let kind: Kind
        /// The snapshot id of the node the step is about.
        public let node: Int
        /// The grads this step changes, as their new values (a forward step changes none).
        public let grads: [GradChange]
        /// The step written out, e.g. `∂L/∂a += ∂L/∂e · b = -2 · -3 = 6`; lines end with `\n`.
        public let text: String
    }

    /// A grad's new value after a step.
    public struct GradChange: Sendable, Equatable {
        /// The snapshot id of the node whose grad changes.
        public let node: Int
        /// Its grad after the step.
        public let grad: Double
    }

    /// The nodes after backward: their data, and the grads `backward()` leaves (the picture's text).
    public let snapshot: Snapshot
    /// The frames, in order: one per node forward, then per root a seed and one per node it reaches.
    public let steps: [Step]

    /// Plays the computation of `roots` (one root, or a network's outputs). The caller's graph
    /// is left alone: backward runs on a copy of it, from zero grads.
    public init(_ roots: [Value]) {
        let replay = BackwardReplay(roots)
        let snapshot = replay.snapshot
        self.snapshot = snapshot
        steps = snapshot.nodes.indices.map { Self.forward($0, snapshot) } + replay.events.map { Self.step($0, snapshot) }
    }

    /// Every node's grad after step `step` (0-based), in snapshot id order.
    public func grads(after step: Int) -> [Double] {
        var grads = [Double](repeating: 0, count: snapshot.nodes.count)
        for change in steps[...step].lazy.flatMap(\.grads) { grads[change.node] = change.grad }
        return grads
    }
}

extension Walkthrough {
    /// Node `k`'s forward step: its formula with names, then with numbers.
    private static func forward(_ k: Int, _ snapshot: Snapshot) -> Step {
        func name(_ j: Int) -> String { snapshot.nodes[j].name }
        func data(_ j: Int) -> String { short(snapshot.nodes[j].data) }
        let node = snapshot.nodes[k], c = node.children, op = node.opName, out = "\(name(k)) = "
        let text: String
        switch node.op {
        case .leaf:
            text = out + short(node.data)
        case .add, .mul:
            text = out + "\(name(c[0])) \(op) \(name(c[1])) = \(data(c[0])) \(op) \(data(c[1]))" + " = " + short(node.data)
        case .pow:
            text = out + "\(name(c[0]))\(op) = \(StepNumber.base(snapshot.nodes[c[0]].data))\(op) = \(short(node.data))"
        case .exp, .tanh, .relu, .log:
            text = out + "\(op)(\(name(c[0]))) = \(op)(\(data(c[0]))) = \(short(node.data))"
        }
        return Step(kind: .forward, node: k, grads: [], text: "forward: \(text)\n")
    }

    /// A backward event as a step: the seed, or a node's local rule with its numbers.
    private static func step(_ event: BackwardReplay.Event, _ snapshot: Snapshot) -> Step {
        func name(_ j: Int) -> String { snapshot.nodes[j].name }
        switch event {
        case .seed(let root):
            let partial = "∂\(name(root))/∂\(name(root))"
            return Step(kind: .seed, node: root, grads: [GradChange(node: root, grad: 1.0)],
                        text: "backward: seed \(partial) = 1 (\(name(root)).grad = 1)\n")
        case .backward(let k, let root, let g, let contributions):
            func partial(_ j: Int) -> String { "∂\(name(root))/∂\(name(j))" }
            var text = "backward through \(name(k)) (\(snapshot.nodes[k].opName)), with \(partial(k)) = \(short(g)):\n"
            for c in contributions {
                text += "\(partial(c.operand)) += \(partial(k)) · \(c.symbols) = \(short(g)) · \(c.numbers) = \(short(c.amount))"
                text += (c.was == 0 ? "" : "  (was \(short(c.was)), now \(short(c.now)))") + "\n"
            }
            return Step(kind: .backward, node: k, grads: contributions.map { GradChange(node: $0.operand, grad: $0.now) }, text: text)
        }
    }

    private static func short(_ x: Double) -> String { StepNumber.short(x) }
}
