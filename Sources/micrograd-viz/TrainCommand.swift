import ArgumentParser
import GraphRender
import Micrograd
import Playground

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
            transform: { try Architecture(parsing: $0) })
    var arch: Architecture?

    @Option(help: ArgumentHelp("lab (the 4 samples of §7.1, default), lab5 (plus [-1,0,1] → 1), moons:N, or sklearn-moons:N[:noise] (scikit-learn's make_moons after np.random.seed(--seed); noise 0.1).", valueName: "name"),
            transform: { try DatasetChoice(parsing: $0) })
    var dataset: DatasetChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp("Learning rate, or a comma list for a sweep (each run from a fresh seed); default 0.05.", valueName: "lr[,lr…]"),
            transform: { try CommaList.numbers($0) })
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

    @Option(help: ArgumentHelp("Write the run as one self-contained HTML animation (boundary, loss curve and the --sample's graph per step; slider and play).", valueName: "file.html"))
    var animate: String?

    @Option(help: ArgumentHelp("With --animate: the sample of --dataset whose graph it draws (0-based, default 0).", valueName: "I"))
    var sample: Int?

    @OptionGroup var network: NetworkOptions
    @OptionGroup(title: "Report") var report: ReportOptions

    /// What the run uses: the library's resolution of the flags over the preset's, and the
    /// table's own two settings.
    struct Settings {
        var plan: TrainingPlan, every: Int, table: TrainingReport.Style
    }

    /// The training flags given, as the library's setup (nil where not given).
    var setup: TrainingSetup {
        var setup = TrainingSetup()
        setup.architecture = arch
        setup.dataset = dataset
        setup.learningRates = lr
        setup.learningRateDecay = lrDecay
        setup.steps = steps
        setup.loss = loss
        setup.l2 = l2
        setup.seed = network.seed
        setup.activation = network.activation
        setup.linearOutput = network.linearOutput
        setup.zeroBias = network.zeroBias
        return setup
    }

    /// Resolves every option: the flag given, else `--preset`'s, else the lab's default.
    func settings() throws -> Settings {
        let plan = try NetworkOptions.usage { () throws(SetupError) in try setup.merged(over: preset?.setup ?? TrainingSetup()).plan() }
        return Settings(plan: plan, every: every ?? preset?.every ?? 5, table: table ?? preset?.table ?? .lab)
    }

    func validate() throws {
        let s = try settings()
        guard s.every >= 1 else { throw ValidationError("--every must be at least 1, not \(s.every)") }
        if let boundary {
            guard s.plan.architecture.nin == 2 else {
                throw ValidationError("--boundary draws a plane: it needs a network of 2 inputs, not \(s.plan.architecture.nin)")
            }
            guard s.plan.learningRates.count == 1 else {
                throw ValidationError("--boundary draws one trained network: give one learning rate, not \(s.plan.learningRates.count)")
            }
            _ = try Self.boundaryFormat(boundary)
        }
        if animate != nil, s.plan.learningRates.count != 1 {
            throw ValidationError("--animate shows one run: give one learning rate, not \(s.plan.learningRates.count)")
        }
        if let sample {
            guard animate != nil else { throw ValidationError("--sample chooses the graph --animate draws: give --animate FILE.html too") }
            let count = s.plan.dataset.xs.count
            guard (0..<count).contains(sample) else {
                throw ValidationError("--sample \(sample) is not a sample of '\(s.plan.datasetChoice.name)', which has \(count) (0 to \(count - 1))")
            }
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
        if let animate { try AtomicFile.checkWritable(animate) }
        let s = try settings()
        let samples = s.plan.dataset
        var runs: [TrainingRun] = []
        var trained: MLP?
        var progress = Progress()
        for rate in s.plan.learningRates {
            let mlp = s.plan.network()
            let run = mlp.train(on: samples, options: s.plan.options(learningRate: rate, zeroGrad: !noZeroGrad)) { k, result in
                progress.update("lr \(rate): step \(k + 1)/\(s.plan.steps)  loss \(NumberFormat.fixed(result.loss, precision: 6))")
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
        if let animate {
            let page = try NetworkOptions.usage { () throws(SetupError) in try TrainingAnimation.html(s.plan, sample: sample ?? 0) }
            try AtomicFile.write(Array(page.utf8), to: animate)
            Output.note("wrote \(animate)")
        }
    }
}

/// Names for sets of `train` flags.
enum Preset: String, ExpressibleByArgument, CaseIterable {
    /// micrograd's demo.ipynb (`TrainingSetup.karpathyDemo`), its table row by row in its words.
    case karpathyDemo = "karpathy-demo"

    /// The training settings the preset stands for.
    var setup: TrainingSetup {
        switch self {
        case .karpathyDemo: .karpathyDemo
        }
    }

    /// The table's row interval the preset stands for.
    var every: Int { 1 }
    /// The table's style the preset stands for.
    var table: TrainingReport.Style { .demo }

    /// The flags the preset stands for.
    var arguments: [String] { setup.arguments + ["--every", "\(every)", "--table", table.rawValue] }
}

extension TrainingReport.Style: ExpressibleByArgument {}

extension Loss: ExpressibleByArgument {}
