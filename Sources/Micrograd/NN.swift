/// What a neuron applies to its weighted sum.
public enum Activation: String, CaseIterable, Sendable {
    /// `tanh`, the lab's choice for every layer.
    case tanh
    /// `relu`, as in Karpathy's micrograd.
    case relu
    /// No nonlinearity (Karpathy's linear last layer).
    case linear

    /// The activation of `x`.
    public func callAsFunction(_ x: Value) -> Value {
        switch self {
        case .tanh: x.tanh()
        case .relu: x.relu()
        case .linear: x
        }
    }
}

/// The lab's `Neuron`: `activation(b + Σ wᵢ·xᵢ)`, the sum starting from the bias.
///
/// This file is the lab's network code, operator for operator; `NetworkTape.swift` builds the
/// same nodes on tape indices for speed, and a test holds the two tapes side by side.
public struct Neuron {
    /// The weights, one per input.
    public let w: [Value]
    /// The bias.
    public let b: Value
    /// What the neuron applies to its sum.
    public let activation: Activation

    /// `self.w = [Value(random.uniform(-1,1)) for _ in range(nin)]`, then the bias the same way
    /// (with `zeroBias`, micrograd's `Value(0)`, which draws nothing); labelled `{name}.w0`,
    /// `{name}.w1`, … and `{name}.b`.
    public init(_ nin: Int, in graph: Graph, random: inout PythonRandom, activation: Activation = .tanh,
                zeroBias: Bool = false, name: String = "") {
        w = (0..<nin).map { k in graph.leaf(random.uniform(-1, 1), label: "\(name).w\(k)") }
        b = graph.leaf(zeroBias ? 0 : random.uniform(-1, 1), label: "\(name).b")
        self.activation = activation
    }

    /// `act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)`, then the activation.
    public func callAsFunction(_ x: [Value]) -> Value {
        var act = b
        for (wi, xi) in zip(w, x) { act = act + wi * xi }
        return activation(act)
    }

    /// The same on plain numbers: each `wi*xi` coerces `xi` into a fresh leaf, as Python does.
    public func callAsFunction(_ x: [Double]) -> Value {
        var act = b
        for (wi, xi) in zip(w, x) { act = act + wi * xi }
        return activation(act)
    }

    /// `self.w + [self.b]`.
    public var parameters: [Value] { w + [b] }
}

/// The lab's `Layer`: `nout` neurons over the same inputs.
public struct Layer {
    /// The neurons, in order.
    public let neurons: [Neuron]

    /// `self.neurons = [Neuron(nin) for _ in range(nout)]`, named `L{index}N{n}`.
    public init(_ nin: Int, _ nout: Int, in graph: Graph, random: inout PythonRandom,
                activation: Activation = .tanh, zeroBias: Bool = false, index: Int = 0) {
        var neurons: [Neuron] = []
        for n in 0..<nout {
            neurons.append(Neuron(nin, in: graph, random: &random, activation: activation, zeroBias: zeroBias,
                                  name: "L\(index)N\(n)"))
        }
        self.neurons = neurons
    }

    /// `[n(x) for n in self.neurons]`. (The lab unwraps a single output; take `[0]`.)
    public func callAsFunction(_ x: [Value]) -> [Value] { neurons.map { $0(x) } }

    /// The same on plain numbers.
    public func callAsFunction(_ x: [Double]) -> [Value] { neurons.map { $0(x) } }

    /// `[p for n in self.neurons for p in n.parameters()]`.
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
    /// The network in index form, for the fast path (`NetworkTape.swift`).
    let tape: NetworkTape

    /// `sz = [nin] + nouts; self.layers = [Layer(sz[i], sz[i+1]) for i in range(len(nouts))]`,
    /// drawing parameters from `random` neuron by neuron (weights, then bias) as the lab does.
    /// `activation` applies to every layer, as in the lab, except the last when `linearOutput`
    /// is set (as in Karpathy's micrograd); `zeroBias` makes every bias 0, drawing only the
    /// weights (micrograd's `Value(0)`).
    public init(_ nin: Int, _ nouts: [Int], random: inout PythonRandom, activation: Activation = .tanh,
                linearOutput: Bool = false, zeroBias: Bool = false, graph: Graph = Graph()) {
        precondition(nin > 0 && !nouts.isEmpty && nouts.allSatisfy { $0 > 0 }, "an MLP needs positive sizes")
        self.graph = graph
        self.nin = nin
        let sz = [nin] + nouts
        var layers: [Layer] = []
        for i in nouts.indices {
            let act = linearOutput && i == nouts.count - 1 ? .linear : activation
            layers.append(Layer(sz[i], sz[i + 1], in: graph, random: &random, activation: act, zeroBias: zeroBias, index: i))
        }
        self.layers = layers
        tape = NetworkTape(layers, in: graph)
    }

    /// `for layer in self.layers: x = layer(x)`, on values.
    public func callAsFunction(_ x: [Value]) -> [Value] {
        var x = x
        for layer in layers { x = layer(x) }
        return x
    }

    /// The forward pass on plain numbers, labelled `x0`, `x1`, …; one value per output neuron.
    /// Built on the fast path: the same nodes as `callAsFunction(_: [Value])` on coerced numbers.
    public func callAsFunction(_ x: [Double]) -> [Value] {
        precondition(x.count == nin, "the network takes \(nin) inputs, was given \(x.count)")
        return tape.forward(x, in: graph).map { graph[$0] }
    }

    /// The output of every sample of `dataset` (the network's first output), each forward pass
    /// recorded with its sample number (counted from `firstSample`).
    public func predictions(on dataset: Dataset, firstSample: Int = 0) -> [Value] {
        tape.predictions(dataset, firstSample: firstSample, in: graph).map { graph[$0] }
    }

    /// `loss(predictions(on: dataset), dataset.ys)`, plus micrograd's demo's L2 term
    /// `alpha * sum(p*p for p in parameters)` when `l2` is given; each term recorded with its
    /// sample number (the pictures of `mlp --loss` group by it).
    public func loss(on dataset: Dataset, _ loss: Loss = .sse, l2: Double? = nil, firstSample: Int = 0) -> Value {
        let predictions = tape.predictions(dataset, firstSample: firstSample, in: graph)
        return graph[tape.loss(loss, predictions: predictions, targets: dataset.ys, l2: l2, firstSample: firstSample, in: graph)]
    }

    /// `[p for layer in self.layers for p in layer.parameters()]`: layer by layer, neuron by
    /// neuron, weights then bias.
    public var parameters: [Value] { layers.flatMap(\.parameters) }

    /// `for p in n.parameters(): p.grad = 0.0`.
    public func zeroGrad() {
        for p in parameters { p.grad = 0 }
    }
}
