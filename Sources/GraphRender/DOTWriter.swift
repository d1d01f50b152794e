/// Options that shape a DOT picture.
public struct DOTOptions: Sendable, Equatable {
    /// Graph direction: `LR` (left to right, the lab's) or `TB` (top to bottom).
    public enum RankDirection: String, Sendable, CaseIterable { case LR, TB }

    /// The graph's direction.
    public var rankdir: RankDirection
    /// Decimals printed for data and grad.
    public var precision: Int

    /// The lab's picture: left to right, 4 decimals.
    public init(rankdir: RankDirection = .LR, precision: Int = 4) {
        self.rankdir = rankdir
        self.precision = precision
    }
}

/// Writes Graphviz DOT in the style of the lab's `draw_dot`: each value a record node
/// `{ label | data … | grad … }`, each op a small node of its own, edges operand → op → result.
///
/// Node ids follow creation order (`n0`, `n1`, …; an op node is `n4op`), so equal input gives
/// byte-identical output, and every text is escaped for Graphviz.
public enum DOTWriter {
    /// One picture of one snapshot.
    public static func dot(_ snapshot: Snapshot, options: DOTOptions = DOTOptions()) -> String {
        var out = header(options)
        body(snapshot, prefix: "", indent: "\t", options: options, into: &out)
        return out + "}\n"
    }

    /// Two pictures side by side, in clusters "before backward" and "after backward".
    public static func dot(before: Snapshot, after: Snapshot, options: DOTOptions = DOTOptions()) -> String {
        var out = header(options)
        var stages = [("forward", "before backward", before), ("backward", "after backward", after)]
        // dot stacks clusters of a left-to-right graph bottom-up: emit "after" first so "before" is on top.
        if options.rankdir == .LR { stages.reverse() }
        for (name, title, snapshot) in stages {
            out += "\tsubgraph cluster_\(name) {\n\t\tlabel=\"\(title)\"\n"
            body(snapshot, prefix: String(name.first!), indent: "\t\t", options: options, into: &out)
            out += "\t}\n"
        }
        return out + "}\n"
    }

    private static func header(_ options: DOTOptions) -> String {
        "digraph {\n\tgraph [rankdir=\(options.rankdir.rawValue)]\n"
    }

    private static func body(_ snapshot: Snapshot, prefix: String, indent: String, options: DOTOptions, into out: inout String) {
        for node in snapshot.nodes {
            let id = "\(prefix)n\(node.id)"
            let data = NumberFormat.fixed(node.data, precision: options.precision)
            let grad = NumberFormat.fixed(node.grad, precision: options.precision)
            out += "\(indent)\(id) [label=\"{ \(Escaping.recordField(node.label)) | data \(data) | grad \(grad) }\" shape=record]\n"
            if !node.op.isEmpty {
                out += "\(indent)\(id)op [label=\"\(Escaping.dotString(node.op))\"]\n"
                out += "\(indent)\(id)op -> \(id)\n"
            }
        }
        for edge in snapshot.edges {
            out += "\(indent)\(prefix)n\(edge.from) -> \(prefix)n\(edge.to)op\n"
        }
    }
}
