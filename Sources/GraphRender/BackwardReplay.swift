import Micrograd

/// The backward pass replayed as `backward()` runs it, each local rule written out from `Op`'s
/// table: the walkthrough's steps and `explain`'s table are both made from it.
///
/// All grads start at 0, the root is seeded with 1, and each node reached from the root (newest
/// first) adds its grad times its local derivatives to its operands' grads, with the formulas
/// and the order of `Op.backward`, so the replay ends with exactly the grads `backward()`
/// computes. With several roots (a network's outputs) the seed and sweep repeat for each root.
struct BackwardReplay {
    /// What one operand receives from one node's local rule.
    struct Contribution {
        /// The snapshot id of the operand.
        let operand: Int
        /// The rule in symbols, after the upstream grad: `b` in `∂L/∂a += ∂L/∂e · b`.
        let symbols: String
        /// The same rule in numbers: `(-3)`.
        let numbers: String
        /// The amount added: the upstream grad times the local derivative.
        let amount: Double
        /// The operand's grad before and after.
        let was: Double, now: Double
    }

    /// One event of the pass.
    enum Event {
        /// The root's grad is set to 1.
        case seed(root: Int)
        /// Node `node`'s local rule runs during root `root`'s pass: its grad `upstream`, times
        /// the local derivatives, goes to its operands, first operand first.
        case backward(node: Int, root: Int, upstream: Double, contributions: [Contribution])
    }

    /// The nodes after backward (the grads `backward()` leaves).
    let snapshot: Snapshot
    /// The tape index of each snapshot id, in the caller's graph.
    let tapeIndices: [Int]
    /// The events in the order `backward()` runs them.
    let events: [Event]

    /// Replays the backward pass of `roots`; the caller's graph is left alone (backward runs
    /// on a copy of it, from zero grads).
    init(_ roots: [Value]) {
        precondition(!roots.isEmpty, "a backward pass needs a root")
        let work = roots[0].graph.copy()
        work.zeroGrad()
        let twins = roots.map { work[$0.index] }
        let indices = work.trace(twins).nodes
        var id = [Int](repeating: -1, count: (indices.last ?? -1) + 1)  // tape index → snapshot id
        for (k, index) in indices.enumerated() { id[index] = k }
        for root in twins { root.backward() }
        snapshot = Snapshot(of: twins)
        tapeIndices = indices

        var grads = [Double](repeating: 0, count: snapshot.nodes.count)
        var events: [Event] = []
        for root in twins {
            let r = id[root.index]
            grads[r] = 1.0
            events.append(.seed(root: r))
            for k in work.trace(root).nodes.map({ id[$0] }).reversed() where snapshot.nodes[k].op != .leaf {
                events.append(Self.backward(k, root: r, snapshot: snapshot, grads: &grads))
            }
        }
        self.events = events
    }

    /// Node `k`'s local rule, as `Op`'s table computes and writes it: first operand first.
    private static func backward(_ k: Int, root: Int, snapshot: Snapshot, grads: inout [Double]) -> Event {
        let node = snapshot.nodes[k], c = node.children, g = grads[k]
        func data(_ j: Int) -> Double { snapshot.nodes[j].data }
        let u = data(c[0]), v = c.count > 1 ? data(c[1]) : 0, kExp = node.exponent
        let (du, dv) = Op.backward(node.op, u, v, node.data, kExp, g)
        let symbols = RuleTerms(u: snapshot.nodes[c[0]].name, v: c.count > 1 ? snapshot.nodes[c[1]].name : "",
                                out: node.name, k: StepNumber.short(kExp), kMinusOne: StepNumber.short(kExp - 1))
        let numbers = RuleTerms(u: StepNumber.base(u), v: StepNumber.base(v), out: StepNumber.base(node.data),
                                k: StepNumber.short(kExp), kMinusOne: StepNumber.short(kExp - 1))
        let contributions = zip(c, [du, dv]).enumerated().map { position, pair in
            let (operand, amount) = pair
            let was = grads[operand]
            grads[operand] += amount
            return Contribution(operand: operand, symbols: node.op.localRule(position, symbols),
                                numbers: node.op.localRule(position, numbers), amount: amount, was: was, now: grads[operand])
        }
        return .backward(node: k, root: root, upstream: g, contributions: contributions)
    }
}

extension Snapshot.Node {
    /// The name a walkthrough or a table writes: the label, or `n4` for an unlabelled node (its DOT id).
    var name: String { label.isEmpty ? "n\(id)" : label }
}

/// Numbers in rules and steps.
enum StepNumber {
    /// Up to 6 significant digits, no trailing zeros (`-3`, `0.881374`); `nan`, `inf`, `-inf`
    /// as the picture writes them.
    static func short(_ x: Double) -> String {
        x.isFinite ? NumberFormat.printf("%.6g", x) : NumberFormat.fixed(x, precision: 0)
    }

    /// A number as a factor or the base of a power: negative ones in parentheses, `(-3)`.
    static func base(_ x: Double) -> String { x < 0 ? "(\(short(x)))" : short(x) }
}
