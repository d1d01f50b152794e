/// A loss over predictions and targets, built in the graph as the lab writes it.
public enum Loss: String, CaseIterable, Sendable {
    /// The lab's sum of squared errors: `sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))`.
    case sse
    /// The same sum divided by the number of samples.
    case mse

    /// The loss node. Python's `sum` starts from the number 0, so the first term is `term + 0`
    /// (a leaf 0), and `mse` is the sum `/ n`, that is `* n**-1`.
    public func callAsFunction(_ predictions: [Value], _ targets: [Double]) -> Value {
        precondition(!predictions.isEmpty && predictions.count == targets.count,
                     "\(predictions.count) predictions for \(targets.count) targets")
        var total: Value?
        for (yout, ygt) in zip(predictions, targets) {
            let term = (yout - ygt) ** 2
            total = total.map { $0 + term } ?? term + 0
        }
        switch self {
        case .sse: return total!
        case .mse: return total! / Double(targets.count)
        }
    }
}
