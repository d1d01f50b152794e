/// Options that shape a DOT picture.
public struct DOTOptions: Sendable, Equatable {
    /// Graph direction: `LR` (left to right, the lab's) or `TB` (top to bottom).
    public enum RankDirection: String, Sendable, CaseIterable { case LR, TB }

    /// The graph's direction.
    public var rankdir: RankDirection
    /// Decimals printed for data and grad.
    public var precision: Int
    /// How much of a network to draw (`op` draws every value).
    public var depth: Depth
    /// How value nodes are coloured.
    public var color: ColorMode

    /// Left to right, 4 decimals (the lab's), every value, coloured by role.
    public init(rankdir: RankDirection = .LR, precision: Int = 4, depth: Depth = .op, color: ColorMode = .role) {
        self.rankdir = rankdir
        self.precision = precision
        self.depth = depth
        self.color = color
    }
}

/// Writes Graphviz DOT in the style of the lab's `draw_dot`: each value a record node
/// `{ label | data … | grad … }`, each op a small node of its own, edges operand → op → result;
/// network code grouped in clusters (layer, neuron, sample) or collapsed to one box per
/// neuron or layer, with parallel edges merged as `×N`.
///
/// Node ids follow creation order (`n0`, `n1`, …; an op node is `n4op`; a collapsed group
/// `g3`), so equal input gives byte-identical output; every text is escaped for Graphviz.
/// Past `largeGraph` nodes the layout switches to `newrank` and low `nslimit`s, which lay
/// out big graphs many times faster (6,000 nodes: ~2 s instead of minutes).
public enum DOTWriter {
    /// Node count from which the faster layout settings are used.
    public static let largeGraph = 1000

    /// Spacing for a network drawn in layer clusters, whose neurons' boxes stack: a third of
    /// dot's default gap between nodes of a rank and 60% of its gap between ranks keep the
    /// picture of MLP(3,[4,4,1]) within 1.25× the area of the lab's unclustered `draw_dot`.
    static let layerSpacing = "nodesep=0.06 ranksep=0.3"

    /// One picture of one snapshot.
    public static func dot(_ snapshot: Snapshot, options: DOTOptions = DOTOptions()) -> String {
        DOTDocument(snapshot, options: options).text
    }

    /// Two pictures side by side, in clusters "before backward" and "after backward".
    public static func dot(before: Snapshot, after: Snapshot, options: DOTOptions = DOTOptions()) -> String {
        DOTDocument(before: before, after: after, options: options).text
    }

    /// One stage's view, inside its cluster when there are two.
    struct Part {
        let prefix: String
        let cluster: (id: String, title: String)?
        let view: View
    }

    static func write(_ parts: [Part], style: Style, legend: String?, _ options: DOTOptions) -> String {
        let large = parts.map(\.view.nodeCount).reduce(0, +) > largeGraph
        let layered = parts.contains { !$0.view.layerOrder.isEmpty }
        var out = "digraph {\n\tgraph [rankdir=\(options.rankdir.rawValue)"
            + (large ? " newrank=true nslimit=0.1 nslimit1=0.1" : "") + (layered ? " \(layerSpacing)" : "") + "]\n"
        for part in parts {
            var indent = "\t"
            if let cluster = part.cluster {
                out += "\tsubgraph cluster_\(cluster.id) {\n\t\tlabel=\"\(cluster.title)\"\n"
                indent = "\t\t"
            }
            body(part, style: style, indent: indent, options: options, into: &out)
            if part.cluster != nil { out += "\t}\n" }
        }
        if let legend { out += "\t\(legend)\n" }
        return out + "}\n"
    }

    /// The boxes (inside their clusters, opened and closed as the path changes), then the edges.
    private static func body(_ part: Part, style: Style, indent: String, options: DOTOptions, into out: inout String) {
        let p = part.prefix
        var open: [String] = []
        for box in part.view.boxes {
            let path = box.clusters.map(\.id)
            var common = 0
            while common < open.count && common < path.count && open[common] == path[common] { common += 1 }
            for _ in common..<open.count {
                open.removeLast()
                out += indent + String(repeating: "\t", count: open.count) + "}\n"
            }
            for (id, title) in box.clusters[common...] {
                out += indent + String(repeating: "\t", count: open.count)
                    + "subgraph cluster_\(p)\(id) {\n" + indent + String(repeating: "\t", count: open.count + 1)
                    + "label=\"\(Escaping.dotString(title))\"\n"
                open.append(id)
            }
            let pad = indent + String(repeating: "\t", count: open.count)
            let id = p + box.name
            out += "\(pad)\(id) [label=\"{ \(fields(box, options.precision)) }\" shape=record\(style.attributes(box))]\n"
            if !box.op.isEmpty {
                out += "\(pad)\(id)op [label=\"\(Escaping.dotString(box.op))\"\(style.opAttributes)]\n"
                out += "\(pad)\(id)op -> \(id)\n"
            }
        }
        for depth in stride(from: open.count - 1, through: 0, by: -1) {
            out += indent + String(repeating: "\t", count: depth) + "}\n"
        }
        for edge in part.view.edges {
            out += "\(indent)\(p)\(edge.from) -> \(p)\(edge.to)\(edge.count > 1 ? " [label=\"×\(edge.count)\"]" : "")\n"
        }
        for edge in part.view.layerOrder {
            out += "\(indent)\(p)\(edge.from) -> \(p)\(edge.to) [style=invis]\n"
        }
    }

    /// The most numbers a box lists before it writes "…".
    private static let listLimit = 8

    /// `a | data 2.0000 | grad 6.0000`: the escaped titles, then the numbers.
    private static func fields(_ box: View.Box, _ precision: Int) -> String {
        let titles = box.titles.map(Escaping.recordField)
        return (titles + ["data \(list(box.data, precision))", "grad \(list(box.grad, precision))"]).joined(separator: " | ")
    }

    /// A box's numbers as its record field shows them: at most `listLimit`, then "…".
    static func list(_ xs: [Double], _ precision: Int) -> String {
        let shown = xs.prefix(listLimit).map { NumberFormat.fixed($0, precision: precision) }
        return shown.joined(separator: ", ") + (xs.count > listLimit ? ", …" : "")
    }
}
