import Testing
@testable import Micrograd

@Suite("MLP, loss and training against the lab's Python (Fixtures/reference)")
struct MLPTests {
    static func labNetwork() -> MLP {
        var random = PythonRandom(seed: 1337)
        return MLP(3, [4, 4, 1], random: &random)
    }

    @Test("seed 1337: the 41 parameters, their names and order, bit for bit")
    func parameters() throws {
        let reference = try ReferenceFixtures.load(ReferenceFixtures.Network.self, "mlp-seed1337")
        let mlp = Self.labNetwork()
        #expect(mlp.parameters.count == 41)
        #expect(mlp.parameters[0].data == 0.23550571390294128)
        #expect(mlp.parameters.map(\.data) == reference.parameters)
        #expect(mlp.parameters.map(\.label) == reference.parameterNames)
    }

    @Test("forward on [1,2,3]: output bit for bit, 126 values and 137 edges as the lab's trace")
    func forwardShape() throws {
        let reference = try ReferenceFixtures.load(ReferenceFixtures.Network.self, "mlp-seed1337")
        let mlp = Self.labNetwork()
        let y = mlp([1, 2, 3])
        #expect(y.count == 1)
        #expect(y[0].data == reference.forward)
        let trace = mlp.graph.trace(y[0])
        #expect(trace.nodes.count == reference.forwardCounts.values)
        #expect(trace.edges.count == reference.forwardCounts.edges)
        let inputs = trace.nodes.map { mlp.graph[$0] }.filter { $0.op == .leaf && $0.label.hasPrefix("x") }
        #expect(inputs.count == 12, "each neuron of layer 0 coerces its own copy of x0, x1, x2")
    }

    @Test("initial predictions and loss bit for bit; grads to 1e-12; loss graph counts")
    func initialLoss() throws {
        let reference = try ReferenceFixtures.load(ReferenceFixtures.Network.self, "mlp-seed1337")
        let mlp = Self.labNetwork()
        let ypred = Dataset.lab.xs.map { mlp($0)[0] }
        #expect(ypred.map(\.data) == reference.initialPredictions)
        let loss = Loss.sse(ypred, Dataset.lab.ys)
        #expect(loss.data == 6.005402783252284)
        let trace = mlp.graph.trace(loss)
        #expect(trace.nodes.count == reference.lossCounts.values && trace.edges.count == reference.lossCounts.edges)
        loss.backward()
        for (p, expected) in zip(mlp.parameters, reference.initialGrads) {
            #expect(relativeDifference(p.grad, expected) < 1e-12, "\(p.label)")
        }
    }

    @Test("training runs equal the lab's Python to 1e-9 relative", arguments: ["default", "lr-0.01", "lr-0.5", "lr-2.0", "lr-10.0", "lab5"])
    func training(name: String) throws {
        let runs = try ReferenceFixtures.load(ReferenceFixtures.Training.self, "training").runs
        let run = try #require(runs.first { $0.name == name })
        let dataset = run.dataset == "lab5" ? Dataset.lab5 : Dataset.lab
        let options = TrainingOptions(learningRate: run.lr, steps: run.steps, zeroGrad: run.zeroGrad)
        let result = Self.labNetwork().train(on: dataset, options: options)
        let losses = run.losses
        #expect(result.losses.count == losses.count)
        #expect(result.losses[0] == losses[0], "the first forward pass is bit-exact")
        for (k, (ours, lab)) in zip(result.losses, losses).enumerated() {
            #expect(relativeDifference(ours, lab) < 1e-9, "step \(k)")
        }
        for (ours, lab) in zip(result.predictions, run.predictions) {
            #expect(relativeDifference(ours, lab) < 1e-9)
        }
    }

    @Test("without zero-grad the run leaves the normal one after step 1 (the lab's §7.2c)")
    func noZeroGrad() {
        let normal = Self.labNetwork().train(on: .lab, options: TrainingOptions())
        let broken = Self.labNetwork().train(on: .lab, options: TrainingOptions(zeroGrad: false))
        #expect(normal.losses[0] == broken.losses[0] && normal.losses[1] == broken.losses[1])
        #expect(normal.losses[2] != broken.losses[2])
        #expect(broken.losses.last! > normal.losses.last!)
    }

    @Test("a step reuses the tape: the graph holds only the parameters between steps")
    func tapeReuse() {
        let mlp = Self.labNetwork()
        let parameters = mlp.parameters
        _ = mlp.trainingStep(on: .lab, options: TrainingOptions(), parameters: parameters)
        #expect(mlp.graph.count == 41)
        _ = mlp.trainingStep(on: .lab, options: TrainingOptions(), parameters: parameters)
        #expect(mlp.graph.count == 41)
    }

    @Test("mse is sse / n, built as sse * n**-1")
    func meanSquaredError() {
        let mlp = Self.labNetwork()
        let ypred = Dataset.lab.xs.map { mlp($0)[0] }
        let sse = Loss.sse(ypred, Dataset.lab.ys), mse = Loss.mse(ypred, Dataset.lab.ys)
        #expect(mse.data == sse.data * 0.25)
        #expect(mse.opName == "*" && mse.children[1].data == 0.25)
    }

    @Test("relu and a linear last layer change the activations as asked")
    func activations() {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4, 1], random: &random, activation: .relu, linearOutput: true)
        let y = mlp([1, 2, 3])[0]
        #expect(y.op == .add, "linear output: the last op is the sum")
        #expect(mlp.graph.trace(y).nodes.contains { mlp.graph[$0].op == .relu })
    }

    @Test("moons: deterministic for a seed, balanced labels, different for another seed")
    func moons() {
        let a = Dataset.moons(count: 100, seed: 1337), b = Dataset.moons(count: 100, seed: 1337)
        #expect(a == b)
        #expect(a.xs.count == 100 && a.ys.filter { $0 == 1 }.count == 50)
        #expect(a != Dataset.moons(count: 100, seed: 7))
    }
}

@Suite("Scopes: the network code tags the nodes it makes")
struct ScopeTests {
    @Test("parameters, neurons per sample, loss terms and the loss are recorded as regions")
    func regions() {
        let mlp = MLPTests.labNetwork()
        let g = mlp.graph
        #expect(g.regions.count == 9 && g.regions.allSatisfy { $0.scope.kind == .parameters })
        #expect(g.regions[4].scope == Scope(.parameters, layer: 1, neuron: 0))
        let loss = mlp.loss(on: .lab)
        let scopes = g.scopes(of: g.trace(loss).nodes)
        #expect(scopes.allSatisfy { $0 != nil }, "every node of the loss graph has a scope")
        #expect(scopes.last! == Scope(.loss))
        #expect(scopes.contains(Scope(.neuron, layer: 2, neuron: 0, sample: 3)))
        #expect(scopes.contains(Scope(.lossTerm, sample: 1)))
        let neuronNodes = scopes.filter { $0 == Scope(.neuron, layer: 0, neuron: 1, sample: 0) }.count
        #expect(neuronNodes == 10, "3 coerced inputs, 3 products, 3 sums, 1 tanh")
    }

    @Test("truncating the tape drops the regions past the new end")
    func truncation() {
        let mlp = MLPTests.labNetwork()
        let mark = mlp.graph.count
        _ = mlp.predictions(on: .lab)
        #expect(mlp.graph.regions.count == 9 + 4 * 9)
        mlp.graph.truncate(to: mark)
        #expect(mlp.graph.regions.count == 9)
    }
}
