import Micrograd

/// How much of a network graph to draw.
public enum Depth: String, Sendable, CaseIterable {
    /// Every value and op, grouped in clusters per layer and neuron (and sample).
    case op
    /// One box per neuron (per sample), one per input, one per loss term.
    case neuron
    /// One box per layer (per sample).
    case layer
}

/// What a picture draws: boxes (a value, or a collapsed group of values) and the edges
/// between them, with the cluster each box sits in. Made from a snapshot and a depth.
struct View {
    /// One drawn record node.
    struct Box {
        /// The DOT id: `n{id}` for a value, `g{k}` for a group.
        var name: String
        /// The label field(s) before the numbers: `["a"]`, `["L1N2", "tanh(w·x+b)"]`.
        var titles: [String]
        /// For a box of a sample's inputs: their labels, in the order of `data`.
        var inputNames: [String] = []
        /// The data shown (one value, or a layer's outputs).
        var data: [Double]
        /// The grads shown, beside the data.
        var grad: [Double]
        /// The op drawn as a node of its own in front of the box ("" for none).
        var op: String
        /// Its role, for colour.
        var role: Snapshot.Role
        /// The clusters it sits in, outermost first: (id, title).
        var clusters: [(id: String, title: String)]
    }

    /// An edge; `count` > 1 when parallel edges were merged (drawn `×N`).
    struct Edge: Hashable {
        var from: String
        var to: String
        var count: Int
    }

    var boxes: [Box] = []
    var edges: [Edge] = []

    /// Number of DOT nodes: boxes and op nodes.
    var nodeCount: Int { boxes.count + boxes.filter { !$0.op.isEmpty }.count }

    init(_ snapshot: Snapshot, depth: Depth) {
        let grouping = Grouping(snapshot: snapshot, depth: depth)
        var boxIndex: [Grouping.Key: Int] = [:]
        for node in snapshot.nodes {
            let key = grouping.key(node)
            if key == .hidden { continue }
            if let b = boxIndex[key] {
                grouping.absorb(node, into: &boxes[b])
            } else {
                boxIndex[key] = boxes.count
                boxes.append(grouping.box(for: key, first: node, name: key.name(node, boxes.count)))
            }
        }
        var counts: [Edge: Int] = [:]
        var order: [Edge] = []
        for (from, to) in snapshot.edges {
            let a = grouping.key(snapshot.nodes[from]), b = grouping.key(snapshot.nodes[to])
            guard a != .hidden, b != .hidden, a != b else { continue }
            let target = boxes[boxIndex[b]!]
            let edge = Edge(from: boxes[boxIndex[a]!].name, to: target.op.isEmpty ? target.name : target.name + "op", count: 1)
            if counts[edge] == nil { order.append(edge) }
            counts[edge, default: 0] += 1
        }
        edges = order.map { Edge(from: $0.from, to: $0.to, count: counts[$0]!) }
        if depth == .op && !snapshot.hasSamples { layerOrder = Self.layerOrder(snapshot) }
    }

    /// Invisible edges that lay the layers' clusters out in one row, left to right: from the
    /// output of neuron k of the previous layer to every parameter of neuron j, k being j's
    /// place scaled to the previous layer's width. Without them the weights, being leaves, rank
    /// beside their products, inside the previous layer's columns, and dot stacks the layer
    /// boxes as a staircase; the edges both order the ranks and pull each neuron level with
    /// its counterpart.
    var layerOrder: [Edge] = []

    private static func layerOrder(_ snapshot: Snapshot) -> [Edge] {
        var outputs: [Int: [Int: Int]] = [:], parameters: [Int: [Int: [Int]]] = [:]
        for node in snapshot.nodes {
            guard let scope = node.scope else { continue }
            switch scope.kind {
            case .neuron: outputs[scope.layer, default: [:]][scope.neuron] = node.id
            case .parameters: parameters[scope.layer, default: [:]][scope.neuron, default: []].append(node.id)
            case .lossTerm, .loss: break
            }
        }
        var edges: [Edge] = []
        for layer in parameters.keys.sorted().dropFirst() {
            guard let previous = outputs[layer - 1], let neurons = parameters[layer] else { continue }
            for (j, ids) in neurons.sorted(by: { $0.key < $1.key }) {
                guard let from = previous[j * previous.count / neurons.count] else { continue }
                edges += ids.map { Edge(from: "n\(from)", to: "n\($0)", count: 1) }
            }
        }
        return edges
    }
}

/// Which box each value goes into at a depth, and what the box shows.
private struct Grouping {
    enum Key: Hashable {
        case node(Int)
        case neuron(sample: Int?, layer: Int, neuron: Int)
        case layer(sample: Int?, layer: Int)
        case input(sample: Int?, label: String)
        case inputs(sample: Int?)
        case lossTerm(sample: Int?)
        case loss
        case hidden

        func name(_ first: Snapshot.Node, _ index: Int) -> String {
            if case .node(let id) = self { return "n\(id)" }
            return "g\(index)"
        }
    }

    let snapshot: Snapshot
    let depth: Depth
    let hasSamples: Bool
    /// Number of parameters per layer, for the layer boxes' titles.
    let layerParameters: [Int: Int]
    /// Number of neurons per layer.
    let layerNeurons: [Int: Int]

    init(snapshot: Snapshot, depth: Depth) {
        self.snapshot = snapshot
        self.depth = depth
        hasSamples = snapshot.hasSamples
        var parameters: [Int: Int] = [:], neurons: [Int: Set<Int>] = [:]
        for node in snapshot.nodes {
            guard let scope = node.scope, scope.kind == .parameters || scope.kind == .neuron else { continue }
            if scope.kind == .parameters { parameters[scope.layer, default: 0] += 1 }
            neurons[scope.layer, default: []].insert(scope.neuron)
        }
        layerParameters = parameters
        layerNeurons = neurons.mapValues(\.count)
    }

    func key(_ node: Snapshot.Node) -> Key {
        guard depth != .op, let scope = node.scope else { return .node(node.id) }
        switch scope.kind {
        case .parameters:
            return .hidden
        case .neuron where node.op == .leaf:
            return depth == .neuron ? .input(sample: scope.sample, label: node.label) : .inputs(sample: scope.sample)
        case .neuron:
            return depth == .neuron ? .neuron(sample: scope.sample, layer: scope.layer, neuron: scope.neuron)
                                    : .layer(sample: scope.sample, layer: scope.layer)
        case .lossTerm:
            return .lossTerm(sample: scope.sample)
        case .loss:
            return .loss
        }
    }

    /// A new box for `key`, starting from its first value.
    func box(for key: Key, first node: Snapshot.Node, name: String) -> View.Box {
        let sample = node.scope?.sample.map { "sample \($0) · " } ?? ""
        var box = View.Box(name: name, titles: [], data: [node.data], grad: [node.grad], op: "", role: node.role, clusters: clusters(node))
        switch key {
        case .node:
            box.titles = [node.label]
            box.op = node.opName
        case .neuron(_, let layer, let neuron):
            box.titles = [sample + "L\(layer)N\(neuron)", ""]
            box.role = .value
        case .layer(_, let layer):
            let n = layerNeurons[layer] ?? 0
            box.titles = [sample + "Layer \(layer) · \(n) neuron\(n == 1 ? "" : "s") · \(layerParameters[layer] ?? 0) params"]
            box.data = []
            box.grad = []
            box.role = .value
        case .input:
            box.titles = [sample + node.label]
        case .inputs:
            box.data = []
            box.grad = []
        case .lossTerm:
            box.titles = [sample + "loss term"]
            box.role = .value
        case .loss:
            box.titles = ["loss"]
            box.role = .value
        case .hidden:
            break
        }
        absorb(node, into: &box, first: true)
        return box
    }

    /// Updates a box with one more of its values: the last value of a group is its output.
    func absorb(_ node: Snapshot.Node, into box: inout View.Box, first: Bool = false) {
        if node.role == .output { box.role = .output }
        switch key(node) {
        case .neuron:
            box.data = [node.data]
            box.grad = [node.grad]
            box.titles[1] = Self.formula(node.op)
        case .layer:
            // Each neuron's activation is its last value: replace or append per neuron.
            if first || node.scope!.neuron >= box.data.count {
                box.data.append(node.data)
                box.grad.append(node.grad)
            } else {
                box.data[node.scope!.neuron] = node.data
                box.grad[node.scope!.neuron] = node.grad
            }
        case .input:
            // Copies of one input: the grad of the input is the sum of the copies' grads.
            if !first { box.grad[0] += node.grad }
        case .inputs:
            if let k = box.inputNames.firstIndex(of: node.label) {
                box.grad[k] += node.grad
            } else {
                box.data.append(node.data)
                box.grad.append(node.grad)
                box.inputNames.append(node.label)
                box.titles = [(node.scope?.sample.map { "sample \($0) · " } ?? "") + box.inputNames.joined(separator: ", ")]
            }
        case .lossTerm, .loss:
            box.data = [node.data]
            box.grad = [node.grad]
        case .node, .hidden:
            break
        }
    }

    /// What a collapsed neuron computes, from its last op.
    static func formula(_ op: Op) -> String {
        switch op {
        case .tanh: "tanh(w·x+b)"
        case .relu: "relu(w·x+b)"
        default: "w·x+b"
        }
    }

    /// The clusters a box sits in, outermost first.
    func clusters(_ node: Snapshot.Node) -> [(id: String, title: String)] {
        guard let scope = node.scope else { return [] }
        let s = scope.sample
        let layerAndNeuron = [("L\(scope.layer)", "layer \(scope.layer)"), ("L\(scope.layer)N\(scope.neuron)", "L\(scope.layer)N\(scope.neuron)")]
        switch (depth, scope.kind) {
        case (.op, .parameters) where hasSamples:
            return [("parameters", "parameters"), ("p_L\(scope.layer)N\(scope.neuron)", "L\(scope.layer)N\(scope.neuron)")]
        case (.op, .parameters):
            return layerAndNeuron
        case (.op, .neuron) where s == nil:
            return layerAndNeuron
        case (.op, .neuron):
            return [("s\(s!)", "sample \(s!)"), ("s\(s!)_L\(scope.layer)", "layer \(scope.layer)"),
                    ("s\(s!)_L\(scope.layer)N\(scope.neuron)", "L\(scope.layer)N\(scope.neuron)")]
        case (.op, .lossTerm) where s != nil:
            return [("s\(s!)", "sample \(s!)")]
        case (.neuron, .neuron) where s == nil:
            return [("L\(scope.layer)", "layer \(scope.layer)")]
        default:
            return []
        }
    }
}
