#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The network code on tape indices: the fast path behind `MLP`'s forward passes and losses.
///
/// It builds exactly the nodes `NN.swift` and `Loss.swift` build with `Value` operators (a test
/// compares the tapes column by column), but its loops handle plain indices, so they touch no
/// reference counts, and it is the one place that records scopes: each neuron's parameters,
/// each neuron's forward pass on a sample, each loss term and the loss, for the renderer.
struct NetworkTape {
    /// One neuron in index form.
    struct Neuron {
        let weights: [Int]
        let bias: Int
        let activation: Activation
        let layer: Int
        let index: Int
    }

    /// The neurons, layer by layer.
    let layers: [[Neuron]]
    /// Label ids of the inputs `x0`, `x1`, … .
    let inputLabels: [Int32]

    /// The index form of `layers`, whose parameters are recorded as scopes here.
    init(_ layers: [Layer], in graph: Graph) {
        self.layers = layers.enumerated().map { l, layer in
            layer.neurons.enumerated().map { n, neuron in
                let scope = Scope(.parameters, layer: l, neuron: n)
                graph.record(scope, from: neuron.w.first?.index ?? neuron.b.index, to: neuron.b.index + 1)
                return Neuron(weights: neuron.w.map(\.index), bias: neuron.b.index, activation: neuron.activation,
                              layer: l, index: n)
            }
        }
        inputLabels = (0..<(layers.first?.neurons.first?.w.count ?? 0)).map { graph.labelID("x\($0)") }
    }

    /// The forward pass on plain numbers: each neuron `b + w0*x0 + …`, where every `wi*xi` of the
    /// first layer coerces `xi` into a fresh leaf labelled `x{i}`. Returns the outputs' indices.
    func forward(_ x: [Double], in graph: Graph, sample: Int? = nil) -> [Int] {
        var inputs: [Int] = [], outputs: [Int] = []
        for (l, layer) in layers.enumerated() {
            outputs.removeAll(keepingCapacity: true)
            for neuron in layer {
                let start = graph.count
                var act = neuron.bias
                for k in neuron.weights.indices {
                    let xk = l == 0 ? graph.addLeaf(x[k], labelID: inputLabels[k]) : inputs[k]
                    act = graph.apply(.add, act, graph.apply(.mul, neuron.weights[k], xk))
                }
                switch neuron.activation {
                case .tanh: act = graph.apply(.tanh, act)
                case .relu: act = graph.apply(.relu, act)
                case .linear: break
                }
                graph.record(Scope(.neuron, layer: neuron.layer, neuron: neuron.index, sample: sample), from: start, to: graph.count)
                outputs.append(act)
            }
            swap(&inputs, &outputs)
        }
        return inputs
    }

    /// The first output of every sample's forward pass.
    func predictions(_ dataset: Dataset, in graph: Graph) -> [Int] {
        dataset.xs.enumerated().map { k, x in forward(x, in: graph, sample: k)[0] }
    }

    /// `loss` as `Loss.callAsFunction` builds it: `(yout - ygt)**2` per sample (a leaf `-ygt`, a
    /// sum, a square), summed from Python's 0 (`term + 0` first), and `* n**-1` for the mean
    /// (`n**-1` by `pow`, as Python computes it).
    func loss(_ loss: Loss, predictions: [Int], targets: [Double], in graph: Graph) -> Int {
        precondition(!predictions.isEmpty && predictions.count == targets.count,
                     "\(predictions.count) predictions for \(targets.count) targets")
        var total = -1
        for (k, (yout, ygt)) in zip(predictions, targets).enumerated() {
            var start = graph.count
            let minusTarget = graph.addLeaf(-ygt, labelID: 0)
            let term = graph.apply(.pow, graph.apply(.add, yout, minusTarget), exponent: 2)
            graph.record(Scope(.lossTerm, sample: k), from: start, to: graph.count)
            start = graph.count
            total = total < 0 ? graph.apply(.add, term, graph.addLeaf(0, labelID: 0)) : graph.apply(.add, total, term)
            graph.record(Scope(.loss), from: start, to: graph.count)
        }
        if loss == .mse {
            let start = graph.count
            total = graph.apply(.mul, total, graph.addLeaf(pow(Double(targets.count), -1), labelID: 0))
            graph.record(Scope(.loss), from: start, to: graph.count)
        }
        return total
    }
}
