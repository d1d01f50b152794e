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

    /// The lab's defaults: lr 0.05, 50 steps, sum of squares, zero-grad on.
    public init(learningRate: Double = 0.05, steps: Int = 50, loss: Loss = .sse, zeroGrad: Bool = true) {
        self.learningRate = learningRate
        self.steps = steps
        self.loss = loss
        self.zeroGrad = zeroGrad
    }
}

/// The numbers one step produced.
public struct StepResult: Sendable {
    /// The loss of this step's forward pass, before its update.
    public let loss: Double
    /// The predictions of this step's forward pass, one per sample.
    public let predictions: [Double]
}

/// What a whole training run produced.
public struct TrainingRun: Sendable {
    /// The learning rate used.
    public let learningRate: Double
    /// `losses[k]`: the loss of step k's forward pass, before its update (the lab's list).
    public var losses: [Double] = []
    /// The predictions of the last forward pass, as the lab prints them after its loop.
    public var predictions: [Double] = []
    /// Median wall time of one whole step (forward, zero-grad, backward, update), in seconds.
    public var secondsPerStep: Double = 0
}

extension MLP {
    /// One step of the lab's loop: forward over every sample, loss, zero-grad (unless turned
    /// off), backward, `p.data += -lr * p.grad`. The step's nodes are then dropped from the
    /// tape, so a long run uses the memory of one step. The network needs one output.
    public func trainingStep(on dataset: Dataset, options: TrainingOptions, parameters: [Value]) -> StepResult {
        precondition(layers.last?.neurons.count == 1, "training needs a network with one output")
        let mark = graph.count
        let ypred = tape.predictions(dataset, in: graph)
        let loss = graph[tape.loss(options.loss, predictions: ypred, targets: dataset.ys, in: graph)]
        if options.zeroGrad {
            for p in parameters { p.grad = 0 }
        }
        loss.backward()
        for p in parameters { p.data += -options.learningRate * p.grad }
        let result = StepResult(loss: loss.data, predictions: ypred.map { graph[$0].data })
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
                result = trainingStep(on: dataset, options: options, parameters: parameters)
            })
            run.losses.append(result!.loss)
            run.predictions = result!.predictions
            progress(k, result!)
        }
        run.secondsPerStep = Self.median(durations)
        return run
    }

    private static func median(_ durations: [Duration]) -> Double {
        guard !durations.isEmpty else { return 0 }
        let d = durations.sorted()[durations.count / 2].components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }
}
