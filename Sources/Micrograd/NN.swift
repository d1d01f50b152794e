/// What a neuron applies to its weighted sum.
public enum Activation: String, CaseIterable, Sendable {
    /// `tanh`, the lab's choice for every layer.
    case tanh
    /// `relu`, as in Karpathy's micrograd.
    case relu
    /// No nonlinearity (Karpathy's linear last layer).
    case linear

    /// The activation of node `i`, as a new node (or `i` itself for linear).
    func apply(_ i: Int, in graph: Graph) -> Int {
        switch self {
        case .tanh: graph.apply(.tanh, i)
        case .relu: graph.apply(.relu, i)
        case .linear: i
        }
    }
}

/// Something a neuron can take as an input: a `Value`, or a plain number (`Input`).
public protocol NeuronInput {
    /// The input's node in `graph`: a value's own, a number's fresh leaf.
    func node(in graph: Graph) -> Int
}

extension Value: NeuronInput {
    /// The value's own node.
    public func node(in graph: Graph) -> Int {
        precondition(graph === self.graph, "a neuron was given a value from another graph")
        return index
    }
}

/// A node already on the tape, by index: how a layer's outputs feed the next layer.
struct Node: NeuronInput {
    let index: Int
    func node(in graph: Graph) -> Int { index }
}

/// A plain number fed to a network. Like the lab's `wi*xi` with a float `xi`, every use makes
/// a fresh leaf (so the graph has the lab's shape), labelled with the input's name.
public struct Input: NeuronInput {
    /// The number.
    public let data: Double
    /// Its label's id in the network's graph (see `Graph.labelID(_:)`).
    public let labelID: Int32

    /// A fresh leaf holding `data`.
    public func node(in graph: Graph) -> Int { graph.addLeaf(data, labelID: labelID) }
}

/// The lab's `Neuron`: `activation(b + Σ wᵢ·xᵢ)`, the sum starting from the bias.
public struct Neuron {
    /// The graph that holds the parameters.
    public let graph: Graph
    /// Tape indices of the weights and of the bias.
    private let weights: [Int], bias: Int
    /// What the neuron applies to its sum.
    public let activation: Activation
    /// Where the neuron sits: its layer and its index in the layer.
    public let layer: Int, index: Int

    /// Draws `nin` weights and then the bias from `uniform(-1, 1)`, labelled `L{layer}N{index}.w{k}`
    /// and `L{layer}N{index}.b`. With `zeroBias` the bias is 0 and draws nothing (micrograd's
    /// `Value(0)`).
    public init(_ nin: Int, in graph: Graph, random: inout PythonRandom, activation: Activation = .tanh,
                zeroBias: Bool = false, layer: Int = 0, index: Int = 0) {
        let name = "L\(layer)N\(index)"
        (weights, bias) = graph.scoped(.parameters, layer: layer, neuron: index) {
            let w = (0..<nin).map { k in graph.addLeaf(random.uniform(-1, 1), labelID: graph.labelID("\(name).w\(k)")) }
            return (w, graph.addLeaf(zeroBias ? 0 : random.uniform(-1, 1), labelID: graph.labelID("\(name).b")))
        }
        self.graph = graph
        self.activation = activation
        self.layer = layer
        self.index = index
    }

    /// The weights.
    public var w: [Value] { weights.map { graph[$0] } }
    /// The bias.
    public var b: Value { graph[bias] }

    /// `sum((wi*xi for wi, xi in zip(self.w, x)), self.b)`, then the activation.
    public func callAsFunction<X: NeuronInput>(_ x: [X]) -> Value { graph[output(x)] }

    /// The forward pass on tape indices (`act = b; act = act + w[k] * x[k]`, then the
    /// activation), so that the hot loop touches no reference counts. Returns the output's index.
    func output<X: NeuronInput>(_ x: [X]) -> Int {
        precondition(x.count == weights.count, "a neuron of \(weights.count) inputs was given \(x.count)")
        return graph.scoped(.neuron, layer: layer, neuron: index) {
            var act = bias
            for k in weights.indices {
                act = graph.apply(.add, act, graph.apply(.mul, weights[k], x[k].node(in: graph)))
            }
            return activation.apply(act, in: graph)
        }
    }

    /// The weights, then the bias.
    public var parameters: [Value] { w + [b] }
}

/// The lab's `Layer`: `nout` neurons over the same inputs.
public struct Layer {
    /// The neurons, in order.
    public let neurons: [Neuron]

    /// Creates `nout` neurons of `nin` inputs, named `L{index}N{n}`.
    public init(_ nin: Int, _ nout: Int, in graph: Graph, random: inout PythonRandom, activation: Activation = .tanh,
                zeroBias: Bool = false, index: Int = 0) {
        var made: [Neuron] = []
        for n in 0..<nout {
            made.append(Neuron(nin, in: graph, random: &random, activation: activation, zeroBias: zeroBias,
                               layer: index, index: n))
        }
        neurons = made
    }

    /// Every neuron's output on `x`. (The lab unwraps a single output; take `[0]`.)
    public func callAsFunction<X: NeuronInput>(_ x: [X]) -> [Value] {
        neurons.map { $0(x) }
    }

    /// Every neuron's output on `x`, as tape indices.
    func outputs<X: NeuronInput>(_ x: [X]) -> [Int] {
        neurons.map { $0.output(x) }
    }

    /// All neurons' parameters, neuron by neuron.
    public var parameters: [Value] { neurons.flatMap(\.parameters) }
}

/// The lab's `MLP(nin, nouts)`: layers `nin → nouts[0] → … → nouts.last`, in a graph it owns.
public final class MLP {
    /// The tape that holds the parameters and every forward pass.
    public let graph: Graph
    /// The layers, in order.
    public let layers: [Layer]
    /// Number of inputs.
    public let nin: Int
    /// Ids of the input labels `x0`, `x1`, … in `graph`.
    private let inputLabels: [Int32]

    /// Builds the network, drawing parameters from `random` neuron by neuron (weights, then
    /// bias) as the lab does. `activation` applies to every layer, as in the lab, except the
    /// last when `linearOutput` is set (as in Karpathy's micrograd); `zeroBias` makes every bias
    /// 0, drawing only the weights (micrograd's `Value(0)`).
    public init(_ nin: Int, _ nouts: [Int], random: inout PythonRandom, activation: Activation = .tanh,
                linearOutput: Bool = false, zeroBias: Bool = false, graph: Graph = Graph()) {
        precondition(nin > 0 && !nouts.isEmpty && nouts.allSatisfy { $0 > 0 }, "an MLP needs positive sizes")
        self.graph = graph
        self.nin = nin
        let sizes = [nin] + nouts
        var made: [Layer] = []
        for i in 0..<nouts.count {
            let act = linearOutput && i == nouts.count - 1 ? .linear : activation
            made.append(Layer(sizes[i], sizes[i + 1], in: graph, random: &random, activation: act,
                              zeroBias: zeroBias, index: i))
        }
        layers = made
        inputLabels = (0..<nin).map { graph.labelID("x\($0)") }
    }

    /// The forward pass on plain numbers, labelled `x0`, `x1`, …; one value per output neuron.
    public func callAsFunction(_ x: [Double]) -> [Value] {
        precondition(x.count == nin, "the network takes \(nin) inputs, was given \(x.count)")
        let inputs = zip(x, inputLabels).map { Input(data: $0, labelID: $1) }
        var out = layers[0].outputs(inputs)
        for layer in layers.dropFirst() { out = layer.outputs(out.map { Node(index: $0) }) }
        return out.map { graph[$0] }
    }

    /// The output of every sample of `dataset` (the network's first output), each forward pass
    /// recorded with its sample number (counted from `firstSample`).
    public func predictions(on dataset: Dataset, firstSample: Int = 0) -> [Value] {
        defer { graph.sample = nil }
        return dataset.xs.enumerated().map { k, x in
            graph.sample = firstSample + k
            return self(x)[0]
        }
    }

    /// All parameters in the lab's order: layer by layer, neuron by neuron, weights then bias.
    public var parameters: [Value] { layers.flatMap(\.parameters) }

    /// Sets every parameter's grad to 0 (the lab's `for p in n.parameters(): p.grad = 0.0`).
    public func zeroGrad() {
        for p in parameters { p.grad = 0 }
    }
}
