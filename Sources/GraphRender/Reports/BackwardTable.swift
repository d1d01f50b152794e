import Micrograd

/// The lab's §1.2 table of the backward pass: one row a node, in the order `backward()` reaches
/// the nodes (the seed first, then each node's operands as its local rule gives them their
/// grads), with the local rule in symbols, the same in numbers, and ∂L/∂v. A node used more
/// than once has one term per use, summed (`∂L/∂a = 1 + 1` for `a + a`). Made from the same
/// replay as the walkthrough, so its rules are `Op`'s and its grads are `backward()`'s.
public struct BackwardTable: Sendable {
    /// One use of a node: what one local rule adds to its grad.
    public struct Term: Sendable, Equatable {
        /// The snapshot id of the node whose local rule this is.
        public let from: Int
        /// The term in symbols: `∂L/∂e · b`, or just `f` when it comes straight from the seed.
        public let symbols: String
        /// The term in numbers: `(-2) · (-3)`.
        public let numbers: String
        /// What it adds.
        public let amount: Double
    }

    /// One node of the table.
    public struct Row: Sendable, Equatable {
        /// The node's snapshot id.
        public let node: Int
        /// Its name: the label, or `n4`.
        public let name: String
        /// The root whose derivative the row gives (the `L` of ∂L/∂v).
        public let root: String
        /// The terms summed into its grad; empty for the seed.
        public let terms: [Term]
        /// ∂L/∂v after backward.
        public let grad: Double

        /// The rule in symbols: `seed`, `∂L/∂c = ∂L/∂d · 1`, `∂L/∂a = 1 + 1`.
        public var rule: String {
            terms.isEmpty ? "seed" : "∂\(root)/∂\(name) = " + terms.map(\.symbols).joined(separator: " + ")
        }

        /// The rule in numbers: `(-2) · (-3)`, `1 + 1`; empty for the seed.
        public var numbers: String { terms.map(\.numbers).joined(separator: " + ") }
    }

    /// Where a nan or inf first appeared, and why.
    public struct NonFinite: Sendable, Equatable {
        /// The snapshot id of the node that made it.
        public let node: Int
        /// Its name.
        public let name: String
        /// Whether it is the node's data (forward) or a grad its local rule gave (backward).
        public let inGrad: Bool
        /// Why, e.g. `log of a negative number, log((-1))`.
        public let reason: String
        /// The program's line and column that made the node, when known.
        public let line: Int?, column: Int?

        /// One sentence: `nan first appears in n3 = log(a), line 1, column 5: log of a negative number (-1)`.
        public var sentence: String {
            let place = line.map { ", line \($0), column \(column ?? 0)" } ?? ""
            return "a nan or inf first appears in \(inGrad ? "the grads from " : "")\(name)\(place): \(reason)"
        }
    }

    /// The graph after backward (ids, names, data, grads).
    public let snapshot: Snapshot
    /// The rows, in the order backward reaches the nodes.
    public let rows: [Row]
    /// The first nan or inf, when there is one.
    public let nonFinite: NonFinite?

    /// The table of `roots`' backward pass (the caller's graph is left alone). `locate` gives
    /// the program's line and column for a tape index, when the graph came from a program.
    public init(_ roots: [Value], locate: (Int) -> (line: Int, column: Int)? = { _ in nil }) {
        let replay = BackwardReplay(roots)
        snapshot = replay.snapshot
        let nodes = snapshot.nodes
        var order: [Int] = [], terms: [[Term]] = Array(repeating: [], count: nodes.count)
        var rootOf = [Int](repeating: -1, count: nodes.count)
        var gradTrouble: (node: Int, reason: String)?
        for event in replay.events {
            switch event {
            case .seed(let root):
                if rootOf[root] < 0 { order.append(root) }
                rootOf[root] = root
            case .backward(let k, let root, let g, let contributions):
                for c in contributions {
                    if rootOf[c.operand] < 0 { order.append(c.operand) }
                    rootOf[c.operand] = root
                    let direct = k == root && g == 1
                    terms[c.operand].append(Term(
                        from: k, symbols: direct ? c.symbols : "∂\(nodes[root].name)/∂\(nodes[k].name) · \(c.symbols)",
                        numbers: direct ? Self.bare(c.numbers) : "\(StepNumber.base(g)) · \(c.numbers)", amount: c.amount))
                    if gradTrouble == nil, g.isFinite, !c.amount.isFinite {
                        gradTrouble = (k, "its local rule gives \(nodes[c.operand].name) \(StepNumber.short(g)) · \(c.numbers) = \(StepNumber.short(c.amount))")
                    }
                }
            }
        }
        rows = order.map { Row(node: $0, name: nodes[$0].name, root: nodes[rootOf[$0]].name, terms: terms[$0], grad: nodes[$0].grad) }
        let trouble = Self.forwardTrouble(nodes).map { (node: $0.node, reason: $0.reason, inGrad: false) }
            ?? gradTrouble.map { (node: $0.node, reason: $0.reason, inGrad: true) }
        nonFinite = trouble.map { t in
            let place = locate(replay.tapeIndices[t.node])
            return NonFinite(node: t.node, name: nodes[t.node].name, inGrad: t.inGrad, reason: t.reason,
                             line: place?.line, column: place?.column)
        }
    }

    /// `(-2)` alone needs no parentheses.
    private static func bare(_ numbers: String) -> String {
        guard numbers.hasPrefix("("), numbers.hasSuffix(")"), Double(numbers.dropFirst().dropLast()) != nil else { return numbers }
        return String(numbers.dropFirst().dropLast())
    }

    /// The first node (in creation order) whose data is nan or inf while its operands' are not.
    private static func forwardTrouble(_ nodes: [Snapshot.Node]) -> (node: Int, reason: String)? {
        for node in nodes where !node.data.isFinite && node.children.allSatisfy({ nodes[$0].data.isFinite }) {
            let u = node.children.first.map { nodes[$0].data } ?? 0
            let value = StepNumber.short(node.data)
            let reason: String
            switch node.op {
            case .leaf: reason = "the number \(value), computed from plain numbers"
            case .log: reason = u < 0 ? "log of a negative number, log(\(StepNumber.short(u))) = \(value)" : "log of 0 is \(value)"
            case .pow where u == 0 && node.exponent < 0: reason = "0 to a negative power, 0\(node.opName) = \(value)"
            case .pow where u < 0 && node.exponent.rounded() != node.exponent:
                reason = "a negative number to a fractional power, \(StepNumber.base(u))\(node.opName) = \(value)"
            default: reason = "\(node.opName) overflows: the result is too large for a double (\(value))"
            }
            return (node.id, reason)
        }
        return nil
    }
}
