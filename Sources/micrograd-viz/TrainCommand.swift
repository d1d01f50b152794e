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
              micrograd-viz train --preset karpathy-demo --boundary moons.svg # demo.ipynb
              micrograd-viz train --preset karpathy-demo --steps 20 --json    # flags win

            --preset karpathy-demo stands for:
              \(Preset.karpathyDemo.arguments[..<6].joined(separator: " "))
              \(Preset.karpathyDemo.arguments[6..<14].joined(separator: " "))
              \(Preset.karpathyDemo.arguments[14...].joined(separator: " "))
            """
    )

    @Option(help: ArgumentHelp("A name for a set of flags (listed above); any flag given beside it wins. karpathy-demo: micrograd's demo.ipynb.", valueName: "name"))
    var preset: Preset?

    @Option(help: ArgumentHelp("The architecture: input size, then layer widths ending in 1 (default 3,4,4,1).", valueName: "arch"),
            transform: Architecture.init(parsing:))
    var arch: Architecture?

    @Option(help: ArgumentHelp("lab (the 4 samples of §7.1, default), lab5 (plus [-1,0,1] → 1), moons:N, or sklearn-moons:N[:noise] (scikit-learn's make_moons after np.random.seed(--seed); noise 0.1).", valueName: "name"),
            transform: DatasetChoice.init(parsing:))
    var dataset: DatasetChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp("Learning rate, or a comma list for a sweep (each run from a fresh seed); default 0.05.", valueName: "lr[,lr…]"),
            transform: CommaList.numbers)
    var lr: [Double]?

    @Option(parsing: .unconditional, help: ArgumentHelp("Let the rate fall linearly: step k uses lr - D*k/steps (the demo's 1.0 - 0.9*k/100); default 0, constant.", valueName: "D"))
    var lrDecay: Double?

    @Option(parsing: .unconditional, help: "Number of steps (default 50).")
    var steps: Int?

    @Option(help: ArgumentHelp("sse (the lab's sum of squared errors, default), mse, or svm (the demo's mean max-margin relu(1 - y*score)).", valueName: "name"))
    var loss: Loss?

    @Option(parsing: .unconditional, help: ArgumentHelp("Add alpha * sum(p*p for p in parameters) to the loss (the demo's 1e-4).", valueName: "alpha"))
    var l2: Double?

    @Flag(name: .customLong("no-zero-grad"), help: "Skip zeroing the grads: the lab's pitfall of §7.2c.")
    var noZeroGrad = false

    @Option(parsing: .unconditional, help: "Print a table row every N steps (default 5).")
    var every: Int?

    @Option(help: ArgumentHelp("lab (step   0    loss = 6.005403, then the predictions; default) or demo (step 0 loss 0.8958441028683222, accuracy 50.0%).", valueName: "name"))
    var table: TrainingReport.Style?

    @Option(help: ArgumentHelp("After training, draw the decision boundary of the (2-input) network over the data: .svg, .png or .pdf.", valueName: "file"))
    var boundary: String?

    @OptionGroup var network: NetworkOptions
    @OptionGroup(title: "Report") var report: ReportOptions

    /// The most steps a run may take.
    static let stepLimit = 10_000_000

    /// What the run uses: each flag given, else the preset's, else the lab's default.
    struct Settings {
        var arch: Architecture, dataset: DatasetChoice, rates: [Double], lrDecay: Double, steps: Int
        var loss: Loss, l2: Double?, every: Int, table: TrainingReport.Style, network: NetworkOptions
    }

    /// Resolves every option: the flag given, else `--preset`'s, else the lab's default.
    func settings() throws -> Settings {
        let base = try preset.map { try TrainCommand.parse($0.arguments) }
        return Settings(
            arch: try arch ?? base?.arch ?? Architecture(parsing: "3,4,4,1"),
            dataset: try dataset ?? base?.dataset ?? DatasetChoice(parsing: "lab"),
            rates: lr ?? base?.lr ?? [0.05], lrDecay: lrDecay ?? base?.lrDecay ?? 0,
            steps: steps ?? base?.steps ?? 50, loss: loss ?? base?.loss ?? .sse, l2: l2 ?? base?.l2,
            every: every ?? base?.every ?? 5, table: table ?? base?.table ?? .lab,
            network: base.map { network.merged(over: $0.network) } ?? network)
    }

    func validate() throws {
        let s = try settings()
        guard (1...Self.stepLimit).contains(s.steps) else { throw ValidationError("--steps must be from 1 to \(Self.stepLimit), not \(s.steps)") }
        guard s.every >= 1 else { throw ValidationError("--every must be at least 1, not \(s.every)") }
        guard s.lrDecay.isFinite else { throw ValidationError("--lr-decay must be a finite number, not \(s.lrDecay)") }
        if let alpha = s.l2, !alpha.isFinite { throw ValidationError("--l2 must be a finite number, not \(alpha)") }
        guard s.arch.sizes.last == 1 else {
            throw ValidationError("training needs a network with one output; '\(s.arch)' ends in \(s.arch.sizes.last!)")
        }
        let samples = try s.dataset.dataset(seed: s.network.resolvedSeed)
        guard samples.inputCount == s.arch.nin else {
            throw ValidationError("dataset '\(s.dataset.name)' has \(samples.inputCount) inputs per sample but --arch '\(s.arch)' takes \(s.arch.nin)")
        }
        if let boundary {
            guard s.arch.nin == 2 else { throw ValidationError("--boundary draws a plane: it needs a network of 2 inputs, not \(s.arch.nin)") }
            guard s.rates.count == 1 else { throw ValidationError("--boundary draws one trained network: give one learning rate, not \(s.rates.count)") }
            _ = try Self.boundaryFormat(boundary)
        }
    }

    /// `svg`, `png` or `pdf`, from the extension of `--boundary`'s file.
    static func boundaryFormat(_ path: String) throws -> String {
        guard let format = OutputFormat(path: path), format == .svg || SVGImage.formats.contains(format.rawValue) else {
            throw ValidationError("--boundary writes .svg, .png or .pdf: give a file with one of those extensions, not '\(path)'")
        }
        return format.rawValue
    }

    func run() throws {
        try report.checkDestination()
        if let boundary { try AtomicFile.checkWritable(boundary) }
        let s = try settings()
        let samples = try s.dataset.dataset(seed: s.network.resolvedSeed)
        var runs: [TrainingRun] = []
        var trained: MLP?
        var progress = Progress()
        for rate in s.rates {
            let options = TrainingOptions(learningRate: rate, steps: s.steps, loss: s.loss, zeroGrad: !noZeroGrad,
                                          l2: s.l2, learningRateDecay: s.lrDecay)
            let mlp = s.network.network(s.arch)
            let run = mlp.train(on: samples, options: options) { k, result in
                progress.update("lr \(rate): step \(k + 1)/\(s.steps)  loss \(NumberFormat.fixed(result.loss, precision: 6))")
            }
            runs.append(run)
            trained = mlp
        }
        progress.finish()
        let text = report.resolvedFormat == .json ? TrainingReport.json(runs, targets: samples.ys)
                                                  : TrainingReport.table(runs, targets: samples.ys, every: s.every, style: s.table)
        try System.standardOutput(text)
        if let plot = report.plot {
            try AtomicFile.write(Array(TrainingReport.chart(runs).svg().utf8), to: plot)
            Output.note("wrote \(plot)")
        }
        if let boundary, let trained {
            let svg = BoundaryPlot(model: trained, dataset: samples).svg()
            let format = try Self.boundaryFormat(boundary)
            do {
                try AtomicFile.write(format == "svg" ? Array(svg.utf8) : SVGImage.render(svg, format: format), to: boundary)
            } catch let error as GraphvizError {
                throw ToolError(message: "cannot draw the boundary as \(format): \(error.message)", status: .software)
            }
            Output.note("wrote \(boundary)")
        }
    }
}

/// Names for sets of `train` flags.
enum Preset: String, ExpressibleByArgument, CaseIterable {
    /// micrograd's demo.ipynb: scikit-learn's moons, MLP(2, [16, 16, 1]) of ReLU neurons with a
    /// linear output and zero biases, the SVM loss plus 1e-4 L2, 100 steps of 1.0 - 0.9*k/100.
    case karpathyDemo = "karpathy-demo"

    /// The flags the preset stands for.
    var arguments: [String] {
        switch self {
        case .karpathyDemo:
            ["--arch", "2,16,16,1", "--dataset", "sklearn-moons:100:0.1", "--seed", "1337",
             "--activation", "relu", "--linear-output", "--zero-bias", "--loss", "svm", "--l2", "1e-4",
             "--lr", "1.0", "--lr-decay", "0.9", "--steps", "100", "--every", "1", "--table", "demo"]
        }
    }
}

extension TrainingReport.Style: ExpressibleByArgument {}

extension Loss: ExpressibleByArgument {}
