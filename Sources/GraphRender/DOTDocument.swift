/// One picture on its way to DOT: the view of each stage, built once, with the colours and the
/// legend, and the number of nodes the DOT text will have.
struct DOTDocument {
    private(set) var parts: [DOTWriter.Part]
    let options: DOTOptions
    let style: Style
    let legend: String?

    /// The picture of one snapshot.
    init(_ snapshot: Snapshot, options: DOTOptions) {
        self.init([DOTWriter.Part(prefix: "", cluster: nil, view: View(snapshot, depth: options.depth))], options)
    }

    /// Two stages side by side, in clusters "before backward" and "after backward".
    init(before: Snapshot, after: Snapshot, options: DOTOptions) {
        var parts = [DOTWriter.Part(prefix: "f", cluster: ("forward", "before backward"), view: View(before, depth: options.depth)),
                     DOTWriter.Part(prefix: "b", cluster: ("backward", "after backward"), view: View(after, depth: options.depth))]
        // dot stacks clusters of a left-to-right graph bottom-up: emit "after" first so "before" is on top.
        if options.rankdir == .LR { parts.reverse() }
        self.init(parts, options)
    }

    private init(_ parts: [DOTWriter.Part], _ options: DOTOptions) {
        self.parts = parts
        self.options = options
        style = Style(mode: options.color, views: parts.map(\.view))
        legend = style.legend(roles: Set(parts.flatMap { $0.view.boxes.map(\.role) }))
    }

    /// Boxes, op nodes and the legend: the count Graphviz gives for the text.
    var nodeCount: Int { parts.map(\.view.nodeCount).reduce(0, +) + (legend == nil ? 0 : 1) }

    /// The DOT text.
    var text: String { DOTWriter.write(parts, style: style, legend: legend, options) }

    /// Whether the layers' clusters are tied in one row by invisible edges (`View.layerOrder`).
    var tiesLayers: Bool { parts.contains { !$0.view.layerOrder.isEmpty } }

    /// The same picture with its layers untied, stacked as dot places them. Graphviz 2.42's ranking
    /// takes an edge into a cluster for a wish, not a rule: when a tie comes out flat beside a record
    /// node, the layout gives up ("lost … edge"; MLP(2,[8,8,1]) and 2,16,1 among them). Untied, it never does.
    var untied: DOTDocument {
        var copy = self
        copy.parts = parts.map { part in
            var view = part.view
            view.layerOrder = []
            return DOTWriter.Part(prefix: part.prefix, cluster: part.cluster, view: view)
        }
        return copy
    }
}
