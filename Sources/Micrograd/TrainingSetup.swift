/// What a training run is asked for, each setting given or not (nil): `micrograd-viz train`'s
/// flags and the playground's training sessions both come here, so that the same settings
/// resolve to the same network, data and options, by the same defaults and the same checks.
public struct TrainingSetup: Sendable {
    /// `--arch`; default `3,4,4,1`.
    public var architecture: Architecture?
    /// `--dataset`; default `lab`.
    public var dataset: DatasetChoice?
    /// `--lr`, one rate per run; default `[0.05]`.
    public var learningRates: [Double]?
    /// `--lr-decay`; default 0.
    public var learningRateDecay: Double?
    /// `--steps`; default 50.
    public var steps: Int?
    /// `--loss`; default `sse`.
    public var loss: Loss?
    /// `--l2`; default none.
    public var l2: Double?
    /// `--seed`; default 1337.
    public var seed: Int?
    /// `--activation`; default `tanh`.
    public var activation: Activation?
    /// `--linear-output`; default off.
    public var linearOutput: Bool?
    /// `--zero-bias`; default off.
    public var zeroBias: Bool?

    /// Nothing given: every setting takes its default.
    public init() {}

    /// The most steps a run may take.
    public static let stepLimit = 10_000_000

    /// These settings, with `base`'s where these were not given.
    public func merged(over base: TrainingSetup) -> TrainingSetup {
        var merged = self
        merged.architecture = architecture ?? base.architecture
        merged.dataset = dataset ?? base.dataset
        merged.learningRates = learningRates ?? base.learningRates
        merged.learningRateDecay = learningRateDecay ?? base.learningRateDecay
        merged.steps = steps ?? base.steps
        merged.loss = loss ?? base.loss
        merged.l2 = l2 ?? base.l2
        merged.seed = seed ?? base.seed
        merged.activation = activation ?? base.activation
        merged.linearOutput = linearOutput ?? base.linearOutput
        merged.zeroBias = zeroBias ?? base.zeroBias
        return merged
    }

    /// micrograd's demo.ipynb: scikit-learn's moons, MLP(2, [16, 16, 1]) of ReLU neurons with a
    /// linear output and zero biases, the SVM loss plus 1e-4 L2, 100 steps of 1.0 - 0.9*k/100.
    public static let karpathyDemo: TrainingSetup = {
        var setup = TrainingSetup()
        setup.architecture = try! Architecture(parsing: "2,16,16,1")
        setup.dataset = try! DatasetChoice(parsing: "sklearn-moons:100:0.1")
        setup.seed = 1337
        setup.activation = .relu
        setup.linearOutput = true
        setup.zeroBias = true
        setup.loss = .svm
        setup.l2 = 1e-4
        setup.learningRates = [1.0]
        setup.learningRateDecay = 0.9
        setup.steps = 100
        return setup
    }()

    /// The lab's network and data, the defaults.
    private static let labArchitecture = try! Architecture(parsing: "3,4,4,1")
    private static let labDataset = try! DatasetChoice(parsing: "lab")

    /// The command-line flags that stand for the settings given, in a fixed order.
    public var arguments: [String] {
        var out: [String] = []
        if let architecture { out += ["--arch", "\(architecture)"] }
        if let dataset { out += ["--dataset", dataset.name] }
        if let seed { out += ["--seed", "\(seed)"] }
        if let activation { out += ["--activation", activation.rawValue] }
        if let linearOutput { out.append(linearOutput ? "--linear-output" : "--no-linear-output") }
        if let zeroBias { out.append(zeroBias ? "--zero-bias" : "--no-zero-bias") }
        if let loss { out += ["--loss", loss.rawValue] }
        if let l2 { out += ["--l2", Self.text(l2)] }
        if let learningRates { out += ["--lr", learningRates.map(Self.text).joined(separator: ",")] }
        if let learningRateDecay { out += ["--lr-decay", Self.text(learningRateDecay)] }
        if let steps { out += ["--steps", "\(steps)"] }
        return out
    }

    /// A number as a flag's value: `1e-4` for an exact small power of ten, else Swift's shortest form.
    private static func text(_ x: Double) -> String {
        (4...20).first { Double("1e-\($0)") == x }.map { "1e-\($0)" } ?? "\(x)"
    }

    /// Every setting resolved (the given one, else the default), checked, and the data made.
    public func plan() throws(SetupError) -> TrainingPlan {
        let architecture = self.architecture ?? Self.labArchitecture
        let dataset = self.dataset ?? Self.labDataset
        return try TrainingPlan(
            architecture: architecture, datasetChoice: dataset,
            learningRates: learningRates ?? [0.05], learningRateDecay: learningRateDecay ?? 0, steps: steps ?? 50,
            loss: loss ?? .sse, l2: l2, seed: seed ?? 1337, activation: activation ?? .tanh,
            linearOutput: linearOutput ?? false, zeroBias: zeroBias ?? false)
    }
}

/// A training run's settings, each resolved, and its data: what `MLP.train` is called with.
public struct TrainingPlan: Sendable {
    /// The network's sizes.
    public let architecture: Architecture
    /// Where the data comes from.
    public let datasetChoice: DatasetChoice
    /// One run per rate.
    public let learningRates: [Double]
    /// How far the rate falls over the run.
    public let learningRateDecay: Double
    /// Steps per run.
    public let steps: Int
    /// The loss.
    public let loss: Loss
    /// The L2 weight, if any.
    public let l2: Double?
    /// The weights' seed (and numpy's, for sklearn-moons).
    public let seed: Int
    /// The layers' activation.
    public let activation: Activation
    /// Whether the last layer is linear.
    public let linearOutput: Bool
    /// Whether biases start at 0.
    public let zeroBias: Bool
    /// The samples.
    public let dataset: Dataset

    /// The plan with its data made, or the first setting that cannot work.
    fileprivate init(architecture: Architecture, datasetChoice: DatasetChoice, learningRates: [Double],
                     learningRateDecay: Double, steps: Int, loss: Loss, l2: Double?, seed: Int,
                     activation: Activation, linearOutput: Bool, zeroBias: Bool) throws(SetupError) {
        guard (1...TrainingSetup.stepLimit).contains(steps) else {
            throw SetupError("--steps must be from 1 to \(TrainingSetup.stepLimit), not \(steps)")
        }
        guard !learningRates.isEmpty, learningRates.allSatisfy(\.isFinite) else {
            throw SetupError("--lr must be finite numbers, not \(learningRates.map { "\($0)" }.joined(separator: ","))")
        }
        guard learningRateDecay.isFinite else { throw SetupError("--lr-decay must be a finite number, not \(learningRateDecay)") }
        if let alpha = l2, !alpha.isFinite { throw SetupError("--l2 must be a finite number, not \(alpha)") }
        guard architecture.sizes.last == 1 else {
            throw SetupError("training needs a network with one output; '\(architecture)' ends in \(architecture.sizes.last!)")
        }
        let samples = try datasetChoice.dataset(seed: seed)
        guard samples.inputCount == architecture.nin else {
            throw SetupError("dataset '\(datasetChoice.name)' has \(samples.inputCount) inputs per sample but --arch '\(architecture)' takes \(architecture.nin)")
        }
        self.architecture = architecture
        self.datasetChoice = datasetChoice
        self.learningRates = learningRates
        self.learningRateDecay = learningRateDecay
        self.steps = steps
        self.loss = loss
        self.l2 = l2
        self.seed = seed
        self.activation = activation
        self.linearOutput = linearOutput
        self.zeroBias = zeroBias
        dataset = samples
    }

    /// A fresh network, with the seed's draws.
    public func network() -> MLP {
        architecture.network(seed: seed, activation: activation, linearOutput: linearOutput, zeroBias: zeroBias)
    }

    /// The options of the run at `learningRate` (`zeroGrad` off for the lab's pitfall).
    public func options(learningRate: Double, zeroGrad: Bool = true) -> TrainingOptions {
        TrainingOptions(learningRate: learningRate, steps: steps, loss: loss, zeroGrad: zeroGrad, l2: l2,
                        learningRateDecay: learningRateDecay)
    }
}
