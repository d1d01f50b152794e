/// A loss over predictions and targets, built in the graph as the lab (or micrograd's demo)
/// writes it.
public enum Loss: String, CaseIterable, Sendable {
    /// The lab's sum of squared errors: `sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))`.
    case sse
    /// The same sum divided by the number of samples.
    case mse
    /// micrograd's demo: the mean SVM max-margin loss, `sum((1 + -yi*scorei).relu() for …) * (1.0 / n)`.
    case svm

    /// The loss node. Python's `sum` starts from the number 0, so the first term is `term + 0`
    /// (a leaf 0); `mse` is the sum `/ n`, that is `* n**-1`; `svm`'s term `1 + -yi*scorei` is
    /// `scorei * (-yi) + 1` (Python's reflected operators), its mean `* (1.0 / n)`. Terms are
    /// recorded with their sample numbers, counted from `firstSample`.
    public func callAsFunction(_ predictions: [Value], _ targets: [Double], firstSample: Int = 0) -> Value {
        precondition(!predictions.isEmpty && predictions.count == targets.count,
                     "\(predictions.count) predictions for \(targets.count) targets")
        let graph = predictions[0].graph
        var total: Value?
        for (k, (yout, ygt)) in zip(predictions, targets).enumerated() {
            graph.sample = firstSample + k
            let term = graph.scoped(.lossTerm) { self == .svm ? (-ygt * yout + 1).relu() : (yout - ygt) ** 2 }
            graph.sample = nil
            total = graph.scoped(.loss) { total.map { $0 + term } ?? term + 0 }
        }
        switch self {
        case .sse: return total!
        case .mse: return graph.scoped(.loss) { total! / Double(targets.count) }
        case .svm: return graph.scoped(.loss) { total! * (1.0 / Double(targets.count)) }
        }
    }

    /// The loss plus, when `alpha` is given, the L2 term over `parameters`, as micrograd's demo's
    /// `total_loss = data_loss + reg_loss`.
    public func callAsFunction(_ predictions: [Value], _ targets: [Double], l2 alpha: Double?, parameters: [Value],
                               firstSample: Int = 0) -> Value {
        let data = self(predictions, targets, firstSample: firstSample)
        guard let alpha else { return data }
        let penalty = Loss.l2(parameters, alpha: alpha)
        return data.graph.scoped(.loss) { data + penalty }
    }

    /// micrograd's demo's L2 regularisation, `alpha * sum((p*p for p in model.parameters()))`:
    /// each `p*p` added to the running sum (which starts `p0*p0 + 0`), then `sum * alpha`.
    public static func l2(_ parameters: [Value], alpha: Double) -> Value {
        precondition(!parameters.isEmpty, "L2 over no parameters")
        let graph = parameters[0].graph
        return graph.scoped(.loss) {
            var total: Value?
            for p in parameters {
                let square = p * p
                total = total.map { $0 + square } ?? square + 0
            }
            return total! * alpha
        }
    }
}
