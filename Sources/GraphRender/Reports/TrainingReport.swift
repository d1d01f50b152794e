import Micrograd

/// What `train` prints and draws: the lab's table, JSON for scripts, and the loss chart.
public enum TrainingReport {
    /// Which table to print.
    public enum Style: String, Sendable, CaseIterable {
        /// The lab's: `step   0    loss = 6.005403`, then the final predictions and targets.
        case lab
        /// micrograd's demo's: `step 0 loss 0.8958441028683222, accuracy 50.0%`.
        case demo
    }

    /// The printout, a row every `every` steps, one block per run, headed by its learning rate
    /// when there are several. The lab's style: `step   0    loss = 6.005403`, then the final
    /// predictions and the targets. The demo's: `step 0 loss 0.8958441028683222, accuracy 50.0%`
    /// (Python's repr of the loss and of `accuracy * 100`).
    public static func table(_ runs: [TrainingRun], targets: [Double], every: Int, style: Style = .lab) -> String {
        var out = ""
        for (k, run) in runs.enumerated() {
            if runs.count > 1 { out += (k == 0 ? "" : "\n") + "lr = \(run.learningRate)\n" }
            if style == .demo {
                for (step, loss) in run.losses.enumerated() where step % every == 0 {
                    out += "step \(step) loss \(loss), accuracy \(run.accuracy[step] * 100)%\n"
                }
                continue
            }
            for (step, loss) in run.losses.enumerated() where step % every == 0 {
                out += "step \(padded(step, to: 3))    loss = \(NumberFormat.fixed(loss, precision: 6))\n"
            }
            out += "\nFinal predictions: [\(run.predictions.map(rounded3).joined(separator: ", "))]\n"
            out += "Targets          : [\(targets.map { "\($0)" }.joined(separator: ", "))]\n"
        }
        return out
    }

    /// `{"runs": [{"lr", "losses", "accuracy", "predictions", "targets", "parameters",
    /// "seconds_per_step"}, …]}`, exact doubles (the README describes each field).
    public static func json(_ runs: [TrainingRun], targets: [Double]) -> String {
        let items = runs.map { run in
            JSON.object(["lr": JSON.number(run.learningRate), "losses": JSON.numbers(run.losses),
                         "accuracy": JSON.numbers(run.accuracy), "predictions": JSON.numbers(run.predictions),
                         "targets": JSON.numbers(targets), "parameters": JSON.numbers(run.parameters),
                         "seconds_per_step": JSON.number(run.secondsPerStep)])
        }
        return JSON.object(["runs": JSON.array(items, lines: true)]) + "\n"
    }

    /// The loss curves on a log axis, one per learning rate.
    public static func chart(_ runs: [TrainingRun]) -> Chart {
        Chart(title: runs.count > 1 ? "Training loss by learning rate" : "Training loss",
              xLabel: "step", yLabel: "loss", xScale: .linear, yScale: .log,
              series: runs.map { run in
                  Series(name: "lr = \(run.learningRate)", points: run.losses.enumerated().map { Point(Double($0), $1) })
              })
    }

    /// Python's `round(x, 3)` as the lab prints it: `0.936`, `-1.0`, `nan`.
    private static func rounded3(_ x: Double) -> String {
        guard x.isFinite else { return NumberFormat.fixed(x, precision: 3) }
        return "\(Double(NumberFormat.fixed(x, precision: 3))!)"
    }

    /// `n` right-aligned in `width` columns (Python's `{k:3d}`).
    private static func padded(_ n: Int, to width: Int) -> String {
        let text = String(n)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
