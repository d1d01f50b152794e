import Testing
import Micrograd

/// micrograd's demo.ipynb against its own Python (`Fixtures/reference/karpathy-demo.json`,
/// written by `Scripts/make_karpathy_fixtures.py` with micrograd 0.1.0 and scikit-learn).
@Suite("micrograd's demo.ipynb: moons, MLP(2,[16,16,1]), SVM loss, L2, decaying rate")
struct KarpathyDemoTests {
    struct Reference: Decodable {
        struct Grid: Decodable { let xs: [Double]; let ys: [Double]; let classes: [Bool]; let scores: [Double] }
        let x: [[Double]]
        let y: [Double]
        let initialParameters: [Double]
        let initialLoss: Double
        let losses: [Double]
        let accuracy: [Double]
        let finalParameters: [Double]
        let grid: Grid
    }

    static func reference() throws -> Reference { try ReferenceFixtures.load(Reference.self, "karpathy-demo") }

    /// The notebook's model: ReLU hidden layers, a linear output, zero biases, seed 1337.
    static func model() -> MLP {
        var random = PythonRandom(seed: 1337)
        return MLP(2, [16, 16, 1], random: &random, activation: .relu, linearOutput: true, zeroBias: true)
    }

    static let options = TrainingOptions(learningRate: 1.0, steps: 100, loss: .svm, l2: 1e-4, learningRateDecay: 0.9)

    @Test("make_moons(100, noise=0.1) after np.random.seed(1337): points to 1e-15, targets exact")
    func dataset() throws {
        let reference = try Self.reference()
        let data = Dataset.sklearnMoons(count: 100, noise: 0.1, seed: 1337)
        #expect(data.ys == reference.y)
        let worst = zip(data.xs.joined(), reference.x.joined()).map(relativeDifference).max()!
        #expect(worst <= 1e-15)
    }

    @Test("the 337 initial parameters bit for bit (weights drawn, biases 0 with no draw)")
    func parameters() throws {
        let reference = try Self.reference()
        #expect(Self.model().parameters.map(\.data) == reference.initialParameters)
    }

    @Test("100 steps: initial loss bit for bit, every loss to 1e-9, every accuracy exact, final parameters to 1e-9")
    func training() throws {
        let reference = try Self.reference()
        let run = Self.model().train(on: Dataset(xs: reference.x, ys: reference.y), options: Self.options)
        #expect(run.losses.first == reference.initialLoss)
        #expect(run.losses.first == 0.8958441028683222)
        #expect(run.losses.count == 100)
        #expect(zip(run.losses, reference.losses).allSatisfy { relativeDifference($0, $1) <= 1e-9 })
        #expect(run.accuracy == reference.accuracy)
        let worst = zip(run.parameters, reference.finalParameters).map { abs($0 - $1) }.max()!
        #expect(worst <= 1e-9)
    }

    @Test("our own moons give the same run: initial loss bit for bit")
    func ownDataset() throws {
        let reference = try Self.reference()
        var options = Self.options
        options.steps = 1
        let run = Self.model().train(on: .sklearnMoons(count: 100, noise: 0.1, seed: 1337), options: options)
        #expect(run.losses == [reference.initialLoss])
    }

    @Test("the decision grid: np.arange axes bit for bit, classes identical off the boundary")
    func grid() throws {
        let reference = try Self.reference()
        let model = Self.model()
        let data = Dataset(xs: reference.x, ys: reference.y)
        _ = model.train(on: data, options: Self.options)
        let grid = DecisionGrid(model: model, around: data)
        #expect(grid.xs == reference.grid.xs)
        #expect(grid.ys == reference.grid.ys)
        #expect(grid.classes.count == reference.grid.classes.count)
        let differing = zip(zip(grid.classes, reference.grid.classes), grid.scores)
            .filter { $0.0 != $0.1 && abs($1) > 1e-9 }
        #expect(differing.isEmpty)
    }

    @Test("the L2 term is alpha * (p0*p0 + 0 + p1*p1 + …), the SVM term relu(score * -y + 1)")
    func lossShapes() {
        let graph = Graph()
        let a = graph.leaf(3), b = graph.leaf(-2)
        #expect(Loss.l2([a, b], alpha: 0.5).data == 6.5)
        #expect(Loss.svm([a, b], [1, 1]).data == (0 + 3) * 0.5)
        #expect(Loss.svm([a, b], [-1, -1]).data == (4 + 0) * 0.5)
    }
}
