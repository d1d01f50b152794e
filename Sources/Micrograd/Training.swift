/// The knobs of the lab's training loop (§7.2).
public struct TrainingOptions: Sendable {
    /// The step size η in `p.data += -η * p.grad`.
    public var learningRate: Double
    /// How many steps to run.
    public var steps: Int
    /// The loss to minimise.
    public var loss: Loss
    /// Whether to zero the parameters' grads before each backward (turn off to see §7.2c's bug).
    public var zeroGrad: Bool
    /// The weight α of an L2 term `α * Σ p*p` added to the loss (micrograd's demo: 1e-4); nil for none.
    public var l2: Double?
    /// How far the step size falls over the run: step k uses `lr - decay*k/steps` (micrograd's
    /// demo: `1.0 - 0.9*k/100`); 0 keeps it constant.
    public var learningRateDecay: Double

    /// The lab's defaults: lr 0.05, 50 steps, sum of squares, zero-grad on, no L2, constant rate.
    public init(learningRate: Double = 0.05, steps: Int = 50, loss: Loss = .sse, zeroGrad: Bool = true,
                l2: Double? = nil, learningRateDecay: Double = 0) {
        self.learningRate = learningRate
        self.steps = steps
        self.loss = loss
        self.zeroGrad = zeroGrad
        self.l2 = l2
        self.learningRateDecay = learningRateDecay
    }

    /// The step size of step `k`: `learningRate - learningRateDecay * k / steps`, computed in
    /// that order as the notebook's `1.0 - 0.9*k/100` (exactly `learningRate` without decay).
    public func learningRate(at k: Int) -> Double {
        learningRateDecay == 0 ? learningRate : learningRate - learningRateDecay * Double(k) / Double(steps)
    }
}

/// The numbers one step produced.
public struct StepResult: Sendable {
    /// The loss of this step's forward pass, before its update.
    public let loss: Double
    /// The predictions of this step's forward pass, one per sample.
    public let predictions: [Double]
    /// The fraction of samples whose prediction has the target's sign, micrograd's demo's
    /// `(yi > 0) == (scorei.data > 0)` averaged.
    public let accuracy: Double
}

/// What a whole training run produced.
public struct TrainingRun: Sendable {
    /// The learning rate used.
    public let learningRate: Double
    /// `losses[k]`: the loss of step k's forward pass, before its update (the lab's list).
    public var losses: [Double] = []
    /// The predictions of the last forward pass, as the lab prints them after its loop.
    public var predictions: [Double] = []
    /// `accuracy[k]`: the fraction of samples step k's forward pass classified right.
    public var accuracy: [Double] = []
    /// The parameters after the last update, in `MLP.parameters` order.
    public var parameters: [Double] = []
    /// Median wall time of one whole step (forward, zero-grad, backward, update), in seconds.
    public var secondsPerStep: Double = 0
}

extension MLP {
    /// One step of the lab's loop: forward over every sample, loss (plus the L2 term if any),
    /// zero-grad (unless turned off), backward, `p.data += -lr * p.grad` with step `k`'s rate.
    /// The step's nodes are then dropped from the tape, so a long run uses the memory of one
    /// step. The network needs one output.
    public func trainingStep(on dataset: Dataset, options: TrainingOptions, parameters: [Value], step k: Int = 0) -> StepResult {
        precondition(layers.last?.neurons.count == 1, "training needs a network with one output")
        let mark = graph.count
        let ypred = tape.predictions(dataset, in: graph)
        let loss = graph[tape.loss(options.loss, predictions: ypred, targets: dataset.ys, l2: options.l2, in: graph)]
        if options.zeroGrad {
            for p in parameters { p.grad = 0 }
        }
        loss.backward()
        let rate = options.learningRate(at: k)
        for p in parameters { p.data += -rate * p.grad }
        let scores = ypred.map { graph[$0].data }
        let right = zip(scores, dataset.ys).filter { ($1 > 0) == ($0 > 0) }.count
        let result = StepResult(loss: loss.data, predictions: scores, accuracy: Double(right) / Double(dataset.ys.count))
        graph.truncate(to: mark)
        return result
    }

    /// Runs `options.steps` steps of the lab's loop, calling `progress` after each one with
    /// the step number and its result.
    public func train(on dataset: Dataset, options: TrainingOptions = TrainingOptions(),
                      progress: (Int, StepResult) -> Void = { _, _ in }) -> TrainingRun {
        let parameters = self.parameters
        var run = TrainingRun(learningRate: options.learningRate)
        var durations: [Duration] = []
        let clock = ContinuousClock()
        for k in 0..<options.steps {
            var result: StepResult?
            durations.append(clock.measure {
                result = trainingStep(on: dataset, options: options, parameters: parameters, step: k)
            })
            run.losses.append(result!.loss)
            run.accuracy.append(result!.accuracy)
            run.predictions = result!.predictions
            progress(k, result!)
        }
        run.parameters = parameters.map(\.data)
        run.secondsPerStep = Self.median(durations)
        return run
    }

    private static func median(_ durations: [Duration]) -> Double {
        guard !durations.isEmpty else { return 0 }
        let d = durations.sorted()[durations.count / 2].components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }
}
