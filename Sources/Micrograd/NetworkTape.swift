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
    /// The most neurons in a layer.
    let widest: Int

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
        widest = layers.map(\.neurons.count).max() ?? 0
        inputLabels = (0..<(layers.first?.neurons.first?.w.count ?? 0)).map { graph.labelID("x\($0)") }
    }

    /// The forward pass on plain numbers: each neuron `b + w0*x0 + …`, where every `wi*xi` of the
    /// first layer coerces `xi` into a fresh leaf labelled `x{i}`. Returns the outputs' indices.
    func forward(_ x: [Double], in graph: Graph, sample: Int? = nil) -> [Int] {
        var inputs: [Int] = [], outputs: [Int] = []
        inputs.reserveCapacity(widest)
        outputs.reserveCapacity(widest)
        for (l, layer) in layers.enumerated() {
            outputs.removeAll(keepingCapacity: true)
            for neuron in layer {
                // At most an input leaf, a product and a sum per weight, then the activation.
                var tape = graph.appender(reserving: 3 * neuron.weights.count + 1)
                var act = neuron.bias
                for k in neuron.weights.indices {
                    let xk = l == 0 ? tape.addLeaf(x[k], labelID: inputLabels[k]) : inputs[k]
                    act = tape.apply(.add, act, tape.apply(.mul, neuron.weights[k], xk))
                }
                switch neuron.activation {
                case .tanh: act = tape.apply(.tanh, act)
                case .relu: act = tape.apply(.relu, act)
                case .linear: break
                }
                graph.commit(tape)
                graph.record(Scope(.neuron, layer: neuron.layer, neuron: neuron.index, sample: sample), from: tape.start, to: tape.count)
                outputs.append(act)
            }
            swap(&inputs, &outputs)
        }
        return inputs
    }

    /// The first output of every sample's forward pass, samples numbered from `firstSample`.
    func predictions(_ dataset: Dataset, firstSample: Int = 0, in graph: Graph) -> [Int] {
        dataset.xs.enumerated().map { k, x in forward(x, in: graph, sample: firstSample + k)[0] }
    }

    /// The parameters in `MLP.parameters` order: layer by layer, neuron by neuron, weights then bias.
    var parameters: [Int] { layers.flatMap { $0.flatMap { $0.weights + [$0.bias] } } }

    /// `loss` as `Loss.callAsFunction` builds it: per sample `(yout - ygt)**2` (a leaf `-ygt`, a
    /// sum, a square) or the SVM margin `relu(yout * -ygt + 1)`, summed from Python's 0 (`term + 0`
    /// first; the lab's terms one by one as its generator makes them, the demo's list all first); `* n**-1` for the mean (`n**-1` by `pow`, as Python computes it), `* (1.0 / n)`
    /// for the SVM's; then, with `l2`, `+ Loss.l2(parameters, alpha: l2)`.
    func loss(_ loss: Loss, predictions: [Int], targets: [Double], l2: Double? = nil, firstSample: Int = 0,
              in graph: Graph) -> Int {
        precondition(!predictions.isEmpty && predictions.count == targets.count,
                     "\(predictions.count) predictions for \(targets.count) targets")
        func term(_ k: Int) -> Int {
            let start = graph.count, yout = predictions[k], ygt = targets[k]
            let term: Int
            if loss == .svm {
                let margin = graph.apply(.mul, yout, graph.addLeaf(-ygt, labelID: 0))
                term = graph.apply(.relu, graph.apply(.add, margin, graph.addLeaf(1, labelID: 0)))
            } else {
                term = graph.apply(.pow, graph.apply(.add, yout, graph.addLeaf(-ygt, labelID: 0)), exponent: 2)
            }
            graph.record(Scope(.lossTerm, sample: firstSample + k), from: start, to: graph.count)
            return term
        }
        var total = -1
        func sum(_ term: Int) {
            let start = graph.count
            total = add(total, term, in: graph)
            graph.record(Scope(.loss), from: start, to: graph.count)
        }
        // The lab sums a generator (each term, then its sum); the demo sums a list (every term first).
        if loss == .svm {
            for term in targets.indices.map(term) { sum(term) }
        } else {
            for k in targets.indices { sum(term(k)) }
        }
        let start = graph.count
        switch loss {
        case .sse: break
        case .mse: total = graph.apply(.mul, total, graph.addLeaf(pow(Double(targets.count), -1), labelID: 0))
        case .svm: total = graph.apply(.mul, total, graph.addLeaf(1.0 / Double(targets.count), labelID: 0))
        }
        if let alpha = l2 {
            var squares = -1
            for p in parameters { squares = add(squares, graph.apply(.mul, p, p), in: graph) }
            total = graph.apply(.add, total, graph.apply(.mul, squares, graph.addLeaf(alpha, labelID: 0)))
        }
        graph.record(Scope(.loss), from: start, to: graph.count)
        return total
    }

    /// Python's `sum`, one term at a time: the first term is `term + 0`, the others `total + term`.
    private func add(_ total: Int, _ term: Int, in graph: Graph) -> Int {
        total < 0 ? graph.apply(.add, term, graph.addLeaf(0, labelID: 0)) : graph.apply(.add, total, term)
    }
}
