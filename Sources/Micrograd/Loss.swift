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
    /// `scorei * (-yi) + 1` (Python's reflected operators), its mean `* (1.0 / n)`. The lab sums a
    /// generator (each term, then its sum); the demo sums a list (every term, then the sums).
    public func callAsFunction(_ predictions: [Value], _ targets: [Double]) -> Value {
        precondition(!predictions.isEmpty && predictions.count == targets.count,
                     "\(predictions.count) predictions for \(targets.count) targets")
        var total: Value?
        func sum(_ term: Value) { total = total.map { $0 + term } ?? term + 0 }
        if self == .svm {  // the demo sums a list: every term first
            let losses = zip(predictions, targets).map { yout, ygt in (-ygt * yout + 1).relu() }
            for term in losses { sum(term) }
        } else {  // the lab sums a generator: each term, then its sum
            for (yout, ygt) in zip(predictions, targets) { sum((yout - ygt) ** 2) }
        }
        switch self {
        case .sse: return total!
        case .mse: return total! / Double(targets.count)
        case .svm: return total! * (1.0 / Double(targets.count))
        }
    }

    /// micrograd's demo's L2 regularisation, `alpha * sum((p*p for p in model.parameters()))`:
    /// each `p*p` added to the running sum (which starts `p0*p0 + 0`), then `sum * alpha`.
    public static func l2(_ parameters: [Value], alpha: Double) -> Value {
        precondition(!parameters.isEmpty, "L2 over no parameters")
        var total: Value?
        for p in parameters {
            let square = p * p
            total = total.map { $0 + square } ?? square + 0
        }
        return total! * alpha
    }
}
