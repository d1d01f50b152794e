/// What a neuron applies to its weighted sum.
public enum Activation: String, CaseIterable, Sendable {
    /// `tanh`, the lab's choice for every layer.
    case tanh
    /// `relu`, as in Karpathy's micrograd.
    case relu
    /// No nonlinearity (Karpathy's linear last layer).
    case linear

    func apply(_ x: Value) -> Value {
        switch self {
        case .tanh: x.tanh()
        case .relu: x.relu()
        case .linear: x
        }
    }
}

/// Something a neuron can take as an input: a `Value`, or a plain number (`Input`).
public protocol NeuronInput {
    /// The input as a node of `graph`: a value as it is, a number as a fresh leaf.
    func value(in graph: Graph) -> Value
}

extension Value: NeuronInput {
    /// The value itself.
    public func value(in graph: Graph) -> Value { self }
}

/// A plain number fed to a network. Like the lab's `wi*xi` with a float `xi`, every use makes
/// a fresh leaf (so the graph has the lab's shape), labelled with the input's name.
public struct Input: NeuronInput {
    /// The number.
    public let data: Double
    /// Its label's id in the network's graph (see `Graph.labelID(_:)`).
    public let labelID: Int32

    /// A fresh leaf holding `data`.
    public func value(in graph: Graph) -> Value { graph.leaf(data, labelID: labelID) }
}

/// The lab's `Neuron`: `activation(b + Σ wᵢ·xᵢ)`, the sum starting from the bias.
public struct Neuron {
    /// The weights, one per input.
    public let w: [Value]
    /// The bias.
    public let b: Value
    /// What the neuron applies to its sum.
    public let activation: Activation

    /// Draws `nin` weights and then the bias from `uniform(-1, 1)`, labelled `{name}.w{k}`, `{name}.b`.
    public init(_ nin: Int, in graph: Graph, random: inout PythonRandom, activation: Activation = .tanh, name: String = "") {
        let prefix = name.isEmpty ? "" : name + "."
        w = (0..<nin).map { k in graph.leaf(random.uniform(-1, 1), label: "\(prefix)w\(k)") }
        b = graph.leaf(random.uniform(-1, 1), label: "\(prefix)b")
        self.activation = activation
    }

    /// `sum((wi*xi for wi, xi in zip(self.w, x)), self.b)`, then the activation.
    public func callAsFunction<X: NeuronInput>(_ x: [X]) -> Value {
        precondition(x.count == w.count, "a neuron of \(w.count) inputs was given \(x.count)")
        var act = b
        for (wi, xi) in zip(w, x) {
            act = act + wi * xi.value(in: b.graph)
        }
        return activation.apply(act)
    }

    /// The weights, then the bias.
    public var parameters: [Value] { w + [b] }
}

/// The lab's `Layer`: `nout` neurons over the same inputs.
public struct Layer {
    /// The neurons, in order.
    public let neurons: [Neuron]

    /// Creates `nout` neurons of `nin` inputs, named `L{index}N{n}`.
    public init(_ nin: Int, _ nout: Int, in graph: Graph, random: inout PythonRandom, activation: Activation = .tanh, index: Int = 0) {
        var made: [Neuron] = []
        for n in 0..<nout {
            made.append(Neuron(nin, in: graph, random: &random, activation: activation, name: "L\(index)N\(n)"))
        }
        neurons = made
    }

    /// Every neuron's output on `x`. (The lab unwraps a single output; take `[0]`.)
    public func callAsFunction<X: NeuronInput>(_ x: [X]) -> [Value] {
        neurons.map { $0(x) }
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
    /// last when `linearOutput` is set (as in Karpathy's micrograd).
    public init(_ nin: Int, _ nouts: [Int], random: inout PythonRandom, activation: Activation = .tanh,
                linearOutput: Bool = false, graph: Graph = Graph()) {
        precondition(nin > 0 && !nouts.isEmpty && nouts.allSatisfy { $0 > 0 }, "an MLP needs positive sizes")
        self.graph = graph
        self.nin = nin
        let sizes = [nin] + nouts
        var made: [Layer] = []
        for i in 0..<nouts.count {
            let act = linearOutput && i == nouts.count - 1 ? .linear : activation
            made.append(Layer(sizes[i], sizes[i + 1], in: graph, random: &random, activation: act, index: i))
        }
        layers = made
        inputLabels = (0..<nin).map { graph.labelID("x\($0)") }
    }

    /// The forward pass on plain numbers, labelled `x0`, `x1`, …; one value per output neuron.
    public func callAsFunction(_ x: [Double]) -> [Value] {
        precondition(x.count == nin, "the network takes \(nin) inputs, was given \(x.count)")
        let inputs = zip(x, inputLabels).map { Input(data: $0, labelID: $1) }
        var out = layers[0](inputs)
        for layer in layers.dropFirst() { out = layer(out) }
        return out
    }

    /// All parameters in the lab's order: layer by layer, neuron by neuron, weights then bias.
    public var parameters: [Value] { layers.flatMap(\.parameters) }

    /// Sets every parameter's grad to 0 (the lab's `for p in n.parameters(): p.grad = 0.0`).
    public func zeroGrad() {
        for p in parameters { p.grad = 0 }
    }
}
