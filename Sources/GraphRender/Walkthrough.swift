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
        precondition(!roots.isEmpty, "a walkthrough needs a root")
        let work = roots[0].graph.copy()
        work.zeroGrad()
        let twins = roots.map { work[$0.index] }
        let indices = work.trace(twins).nodes
        var id = [Int](repeating: -1, count: (indices.last ?? -1) + 1)  // tape index → snapshot id
        for (k, index) in indices.enumerated() { id[index] = k }
        for root in twins { root.backward() }
        snapshot = Snapshot(of: twins)

        var replay = Replay(snapshot: snapshot)
        var steps = snapshot.nodes.indices.map(replay.forward)
        for root in twins {
            let reached = work.trace(root).nodes.map { id[$0] }
            steps.append(replay.seed(id[root.index]))
            for k in reached.reversed() where snapshot.nodes[k].op != .leaf {
                steps.append(replay.backward(k))
            }
        }
        self.steps = steps
    }

    /// Every node's grad after step `step` (0-based), in snapshot id order.
    public func grads(after step: Int) -> [Double] {
        var grads = [Double](repeating: 0, count: snapshot.nodes.count)
        for change in steps[...step].lazy.flatMap(\.grads) { grads[change.node] = change.grad }
        return grads
    }
}

/// The replay of the forward and backward passes, writing each step's text.
private struct Replay {
    let snapshot: Snapshot
    /// The grads so far, by snapshot id.
    var grads: [Double]
    /// The name of the root whose backward pass is running (the `L` of `∂L/∂a`).
    var rootName = ""

    init(snapshot: Snapshot) {
        self.snapshot = snapshot
        grads = [Double](repeating: 0, count: snapshot.nodes.count)
    }

    func name(_ k: Int) -> String { snapshot.nodes[k].name }

    func data(_ k: Int) -> Double { snapshot.nodes[k].data }

    func forward(_ k: Int) -> Walkthrough.Step {
        let node = snapshot.nodes[k], c = node.children, op = node.opName, out = "\(name(k)) = "
        let text: String
        switch node.op {
        case .leaf:
            text = out + short(node.data)
        case .add, .mul:
            text = out + "\(name(c[0])) \(op) \(name(c[1])) = \(short(data(c[0]))) \(op) \(short(data(c[1])))"
                + " = " + short(node.data)
        case .pow:
            text = out + "\(name(c[0]))\(op) = \(base(data(c[0])))\(op) = \(short(node.data))"
        case .exp, .tanh, .relu, .log:
            text = out + "\(op)(\(name(c[0]))) = \(op)(\(short(data(c[0])))) = \(short(node.data))"
        }
        return Walkthrough.Step(kind: .forward, node: k, grads: [], text: "forward: \(text)\n")
    }

    mutating func seed(_ k: Int) -> Walkthrough.Step {
        rootName = name(k)
        grads[k] = 1.0
        return Walkthrough.Step(kind: .seed, node: k, grads: [Walkthrough.GradChange(node: k, grad: 1.0)],
                                text: "backward: seed \(partial(k)) = 1 (\(name(k)).grad = 1)\n")
    }

    /// Node `k`'s local rule, as `Op`'s table computes and writes it: first operand first.
    mutating func backward(_ k: Int) -> Walkthrough.Step {
        let node = snapshot.nodes[k], c = node.children, g = grads[k]
        let u = data(c[0]), v = c.count > 1 ? data(c[1]) : 0, kExp = node.exponent
        let (du, dv) = Op.backward(node.op, u, v, node.data, kExp, g)
        let symbols = RuleTerms(u: name(c[0]), v: c.count > 1 ? name(c[1]) : "", out: name(k),
                                k: short(kExp), kMinusOne: short(kExp - 1))
        let numbers = RuleTerms(u: base(u), v: base(v), out: base(node.data), k: short(kExp), kMinusOne: short(kExp - 1))
        var text = "backward through \(name(k)) (\(node.opName)), with \(partial(k)) = \(short(g)):\n"
        var changes: [Walkthrough.GradChange] = []
        for (position, (operand, contribution)) in zip(c, [du, dv]).enumerated() {
            let was = grads[operand]
            grads[operand] += contribution
            text += "\(partial(operand)) += \(partial(k)) · \(node.op.localRule(position, symbols)) = \(short(g)) · "
                + "\(node.op.localRule(position, numbers)) = \(short(contribution))"
            text += (was == 0 ? "" : "  (was \(short(was)), now \(short(grads[operand])))") + "\n"
            changes.append(Walkthrough.GradChange(node: operand, grad: grads[operand]))
        }
        return Walkthrough.Step(kind: .backward, node: k, grads: changes, text: text)
    }

    /// `∂L/∂a`: the root's derivative with respect to node `k`.
    func partial(_ k: Int) -> String { "∂\(rootName)/∂\(name(k))" }
}

extension Snapshot.Node {
    /// The name a walkthrough writes: the label, or `n4` for an unlabelled node (its DOT id).
    var name: String { label.isEmpty ? "n\(id)" : label }
}

/// A number in a step's text: up to 6 significant digits, no trailing zeros (`-3`, `0.881374`);
/// `nan`, `inf`, `-inf` as the picture writes them.
private func short(_ x: Double) -> String {
    x.isFinite ? NumberFormat.printf("%.6g", x) : NumberFormat.fixed(x, precision: 0)
}

/// A number as the base of a power: negative ones in parentheses, `(-3)`.
private func base(_ x: Double) -> String { x < 0 ? "(\(short(x)))" : short(x) }
