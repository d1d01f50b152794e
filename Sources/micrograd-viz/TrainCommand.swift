import ArgumentParser
import GraphRender
import Micrograd

/// `micrograd-viz train`: the lab's training loop (§7), with its experiments as options.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an MLP with the lab's loop and print the loss table.",
        discussion: """
            Each step: forward over every sample, zero the parameters' grads, backward,
            p.data += -lr * p.grad. losses[k] is step k's loss before its update, as in the
            lab. With the defaults this is the lab's §7.2 run, number for number.

            Examples:
              micrograd-viz train
              micrograd-viz train --lr 0.01,0.05,0.5,2.0,10.0 --plot sweep.svg # §7.3
              micrograd-viz train --no-zero-grad --plot forgot.svg              # §7.2c
              micrograd-viz train --dataset lab5                # a fifth sample
              micrograd-viz train --arch 2,16,16,1 --dataset moons:100 --steps 100 --json
            """
    )

    @Option(help: ArgumentHelp("The architecture: input size, then layer widths ending in 1.", valueName: "arch"),
            transform: Architecture.init(parsing:))
    var arch = try! Architecture(parsing: "3,4,4,1")

    @Option(help: ArgumentHelp("lab (the 4 samples of §7.1), lab5 (plus [-1,0,1] → 1), or moons:N.", valueName: "name"),
            transform: DatasetChoice.init(parsing:))
    var dataset = try! DatasetChoice(parsing: "lab")

    @Option(help: ArgumentHelp("Learning rate, or a comma list for a sweep (each run from a fresh seed).", valueName: "lr[,lr…]"),
            transform: LearningRates.parse)
    var lr: [Double] = [0.05]

    @Option(help: "Number of steps.")
    var steps = 50

    @Option(help: ArgumentHelp("sse (the lab's sum of squared errors) or mse.", valueName: "name"))
    var loss: Loss = .sse

    @Flag(name: .customLong("no-zero-grad"), help: "Skip zeroing the grads: the lab's pitfall of §7.2c.")
    var noZeroGrad = false

    @Option(help: "Print a table row every N steps.")
    var every = 5

    @OptionGroup var network: NetworkOptions
    @OptionGroup(title: "Report") var report: ReportOptions

    /// The most steps a run may take.
    static let stepLimit = 10_000_000

    func validate() throws {
        guard (1...Self.stepLimit).contains(steps) else { throw ValidationError("--steps must be from 1 to \(Self.stepLimit), not \(steps)") }
        guard every >= 1 else { throw ValidationError("--every must be at least 1, not \(every)") }
        guard arch.sizes.last == 1 else {
            throw ValidationError("training needs a network with one output; '\(arch)' ends in \(arch.sizes.last!)")
        }
        let samples = dataset.dataset(seed: network.seed)
        guard samples.inputCount == arch.nin else {
            throw ValidationError("dataset '\(dataset.name)' has \(samples.inputCount) inputs per sample but --arch '\(arch)' takes \(arch.nin)")
        }
    }

    func run() throws {
        try report.checkDestination()
        let samples = dataset.dataset(seed: network.seed)
        var runs: [TrainingRun] = []
        var progress = Progress()
        for rate in lr {
            let options = TrainingOptions(learningRate: rate, steps: steps, loss: loss, zeroGrad: !noZeroGrad)
            let run = network.network(arch).train(on: samples, options: options) { k, result in
                progress.update("lr \(rate): step \(k + 1)/\(steps)  loss \(NumberFormat.fixed(result.loss, precision: 6))")
            }
            runs.append(run)
        }
        progress.finish()
        let text = report.resolvedFormat == .json ? TrainingReport.json(runs, targets: samples.ys)
                                                  : TrainingReport.table(runs, targets: samples.ys, every: every)
        try System.standardOutput(text)
        if let plot = report.plot {
            try AtomicFile.write(Array(TrainingReport.chart(runs).svg().utf8), to: plot)
            Output.note("wrote \(plot)")
        }
    }
}

/// Parses `--lr 0.05` or `--lr 0.01,0.05,0.5`.
enum LearningRates {
    static func parse(_ text: String) throws -> [Double] {
        let rates = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmed()) }
        guard !rates.isEmpty, rates.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw ValidationError("'\(text)' is not a learning rate or a comma list of them (e.g. 0.01,0.05)")
        }
        return rates.map { $0! }
    }
}

extension Loss: ExpressibleByArgument {}

/// The texts `train` prints: the lab's table, JSON, and the loss chart.
enum TrainingReport {
    /// The lab's printout: `step   0    loss = 6.005403`, then the final predictions and targets.
    static func table(_ runs: [TrainingRun], targets: [Double], every: Int) -> String {
        var out = ""
        for (k, run) in runs.enumerated() {
            if runs.count > 1 { out += (k == 0 ? "" : "\n") + "lr = \(run.learningRate)\n" }
            for (step, loss) in run.losses.enumerated() where step % every == 0 {
                out += "step \(String(step).leftPadded(to: 3))    loss = \(NumberFormat.fixed(loss, precision: 6))\n"
            }
            out += "\nFinal predictions: [\(run.predictions.map(rounded3).joined(separator: ", "))]\n"
            out += "Targets          : [\(targets.map { "\($0)" }.joined(separator: ", "))]\n"
        }
        return out
    }

    /// Python's `round(x, 3)` as the lab prints it: `0.936`, `-1.0`, `nan`.
    private static func rounded3(_ x: Double) -> String {
        guard x.isFinite else { return NumberFormat.fixed(x, precision: 3) }
        return "\(Double(NumberFormat.fixed(x, precision: 3))!)"
    }

    /// `{"runs": [{"lr", "losses", "predictions", "targets", "seconds_per_step"}]}`, exact doubles.
    static func json(_ runs: [TrainingRun], targets: [Double]) -> String {
        func list(_ xs: [Double]) -> String { "[" + xs.map(NumberFormat.json).joined(separator: ", ") + "]" }
        let items = runs.map { run in
            "  {\"lr\": \(NumberFormat.json(run.learningRate)), \"losses\": \(list(run.losses)), "
                + "\"predictions\": \(list(run.predictions)), \"targets\": \(list(targets)), "
                + "\"seconds_per_step\": \(NumberFormat.json(run.secondsPerStep))}"
        }
        return "{\"runs\": [\n" + items.joined(separator: ",\n") + "\n]}\n"
    }

    /// The loss curves on a log axis, one per learning rate.
    static func chart(_ runs: [TrainingRun]) -> Chart {
        Chart(title: runs.count > 1 ? "Training loss by learning rate" : "Training loss",
              xLabel: "step", yLabel: "loss", xScale: .linear, yScale: .log,
              series: runs.map { run in
                  Series(name: "lr = \(run.learningRate)",
                         points: run.losses.enumerated().map { Point(Double($0), $1) })
              })
    }
}

extension String {
    /// The string right-aligned in `width` columns (Python's `{k:3d}`).
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
