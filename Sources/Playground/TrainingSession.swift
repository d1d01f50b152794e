import GraphRender
import Micrograd
import Synchronization

/// One training run of the Network view: a network of the plan, trained step by step on the
/// same code path as `micrograd-viz train` (`MLP.trainingStep` with the plan's options), on data
/// the page may change point by point.
///
/// Its state is behind a lock: the control requests and the event stream both step it, on the
/// training threads (never on the render queue or an event loop).
final class TrainingSession: Sendable {
    /// The session's id, as the page names it.
    let id: String
    /// What it trains.
    let plan: TrainingPlan
    /// The point whose graph the page shows.
    let sample: Int
    /// The most steps a second while playing.
    let speed: Int
    /// The sample graph's SVG, laid out once.
    let svg: String
    /// The decision grid's axes (cell centres), for a network of two inputs.
    let grid: (xs: [Double], ys: [Double])?

    /// Cells along each side of the decision grid.
    static let gridSize = 40
    /// The most points the data may grow to.
    static let pointLimit = 10_000
    /// The most steps a session records for its animation.
    static let recordLimit = 1000

    private let state: Mutex<State>

    /// A session that has taken no step, its network drawn from the plan's seed.
    init(id: String, plan: TrainingPlan, sample: Int, speed: Int, svg: String) {
        self.id = id
        self.plan = plan
        self.sample = sample
        self.speed = speed
        self.svg = svg
        grid = plan.architecture.nin == 2 ? Self.axes(plan.dataset) : nil
        state = Mutex(State(plan: plan))
    }

    /// What a control request asks.
    enum Action: Sendable, Equatable {
        case play, pause, step, reset, close
        case add(x: Double, y: Double, positive: Bool)
        case delete(index: Int)
    }

    /// Carries out `action` and gives the frame it produced (one for each), also queued for the stream.
    func perform(_ action: Action) throws(PlaygroundError) -> String {
        try state.withLock { state throws(PlaygroundError) in
            switch action {
            case .play:
                guard state.step < plan.steps else { throw .conflict("the run has taken its \(plan.steps) steps: reset it to train again") }
                state.playing = true
            case .pause: state.playing = false
            case .step:
                guard state.step < plan.steps else { throw .conflict("the run has taken its \(plan.steps) steps: reset it to train again") }
                state.advance(plan)
            case .reset: state.reset()
            case .close: state.closed = true
            case .add(let x, let y, let positive):
                guard plan.architecture.nin == 2 else { throw .badRequest("points can be added only to 2-D data; this network takes \(plan.architecture.nin) inputs") }
                guard state.data.xs.count < Self.pointLimit else { throw .badRequest("the data has \(Self.pointLimit) points, the limit") }
                guard x.isFinite, y.isFinite else { throw .badRequest("a point needs finite x and y") }
                state.data = Dataset(xs: state.data.xs + [[x, y]], ys: state.data.ys + [positive ? 1 : -1])
            case .delete(let index):
                guard state.data.xs.indices.contains(index) else {
                    throw .badRequest("there is no point \(index): the data has \(state.data.xs.count) (0 to \(state.data.xs.count - 1))")
                }
                guard state.data.xs.count > 1, index != sample else {
                    throw .badRequest(index == sample ? "point \(index) is the one whose graph is drawn" : "the last point cannot be deleted")
                }
                var xs = state.data.xs, ys = state.data.ys
                xs.remove(at: index)
                ys.remove(at: index)
                state.data = Dataset(xs: xs, ys: ys)
            }
            let frame = state.frame(plan, sample: sample, grid: grid)
            state.outbox.append(frame)
            return frame
        }
    }

    /// While playing, takes the next step and gives its frame; nil when paused or done.
    func play() -> String? {
        state.withLock { state in
            guard state.playing else { return nil }
            state.advance(plan)
            if state.step >= plan.steps { state.playing = false }
            return state.frame(plan, sample: sample, grid: grid)
        }
    }

    /// The frames produced by control requests since the last call.
    func takeOutbox() -> [String] {
        state.withLock { state in
            defer { state.outbox.removeAll() }
            return state.outbox
        }
    }

    /// Ends the session: its stream finishes.
    func close() { state.withLock { $0.closed = true } }

    /// Whether a close request ended it.
    var closed: Bool { state.withLock { $0.closed } }

    /// The parameters' labels (`L0N0.w0` …), in the frames' order.
    var labels: [String] { state.withLock { $0.parameters.map(\.label) } }

    /// Whether it is playing.
    var playing: Bool { state.withLock { $0.playing } }

    /// The frame of the state now.
    var frame: String { state.withLock { $0.frame(plan, sample: sample, grid: grid) } }

    /// The run so far as the self-contained animation page.
    var animation: String {
        let run = state.withLock { $0.recording.json(title: title, steps: plan.steps, grid: grid) }
        return TrainingEngine.animation(title: title, svg: svg, run: run)
    }

    /// `arch 2,16,16,1 on sklearn-moons:100:0.1, sample 0`.
    var title: String { "micrograd training: arch \(plan.architecture) on \(plan.datasetChoice.name), sample \(sample)" }

    /// `gridSize` cell centres along each axis of the data's box widened by 1 on each side.
    private static func axes(_ data: Dataset) -> (xs: [Double], ys: [Double]) {
        func centres(_ values: [Double]) -> [Double] {
            let (low, high) = (values.min()! - 1, values.max()! + 1)
            return (0..<gridSize).map { low + (high - low) * (Double($0) + 0.5) / Double(gridSize) }
        }
        return (centres(data.xs.map { $0[0] }), centres(data.xs.map { $0[1] }))
    }
}

/// A session's mutable part: the network, its data and where the run is.
private struct State {
    let mlp: MLP
    let parameters: [Value]
    let initial: [Double]
    var data: Dataset
    /// Steps taken.
    var step = 0
    var playing = false
    /// The last step's result and rate, nil before the first.
    var last: (result: StepResult, rate: Double)?
    var outbox: [String] = []
    var recording: Recording
    /// Set by a close request: the stream ends.
    var closed = false

    init(plan: TrainingPlan) {
        mlp = plan.network()
        parameters = mlp.parameters
        initial = parameters.map(\.data)
        data = plan.dataset
        recording = Recording()
    }

    /// One step of `train`'s loop on the current data.
    mutating func advance(_ plan: TrainingPlan) {
        let options = plan.options(learningRate: plan.learningRates[0])
        let result = mlp.trainingStep(on: data, options: options, parameters: parameters, step: step)
        last = (result, options.learningRate(at: step))
        step += 1
    }

    /// Back to the first weights, grads 0, no step taken (the data stays as edited).
    mutating func reset() {
        for (p, value) in zip(parameters, initial) {
            p.data = value
            p.grad = 0
        }
        step = 0
        last = nil
        playing = false
        recording = Recording()
    }

    /// The numbers of the state now, for the stream and the recording.
    func snapshot(_ plan: TrainingPlan, sample: Int, grid: (xs: [Double], ys: [Double])?) -> Recording.Step {
        let classes = grid.map { DecisionGrid(model: mlp, xs: $0.xs, ys: $0.ys).classes }
        return Recording.Step(
            step: step, loss: last?.result.loss, accuracy: last?.result.accuracy, rate: last?.rate,
            grid: classes.map { String($0.map { $0 ? "1" : "0" }) },
            points: JSON.array(zip(data.xs, data.ys).map { x, y in
                JSON.array(x.map(JSON.number) + [y > 0 ? "1" : "-1"])
            }),
            boxes: TrainingEngine.boxes(mlp, plan, data, sample: sample))
    }

    /// One step's frame: `{"step", "steps", "playing", "loss", "accuracy", "lr", "grid",
    /// "points", "parameters", "boxes"}` (see the README); recorded for the animation too.
    mutating func frame(_ plan: TrainingPlan, sample: Int, grid: (xs: [Double], ys: [Double])?) -> String {
        let now = snapshot(plan, sample: sample, grid: grid)
        let newest = recording.steps.last?.step ?? -1
        if recording.steps.count < TrainingSession.recordLimit && now.step > newest {
            recording.append(now)
        }
        let rate = last?.rate ?? 0
        let parameters = self.parameters.map { p in
            JSON.array([JSON.number(p.data), JSON.number(p.grad),
                                  JSON.number(last == nil ? 0 : -rate * p.grad)])
        }
        return JSON.object([("step", JSON.number(step)), ("steps", JSON.number(plan.steps)), ("playing", JSON.bool(playing))]
                           + now.fields + [("parameters", JSON.array(parameters))])
    }
}
