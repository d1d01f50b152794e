import ArgumentParser
import Micrograd

/// A network architecture `nin,h1,…,nout` as `3,4,4,1`.
struct Architecture: CustomStringConvertible {
    /// The most parameters a network may have.
    static let parameterLimit = 1_000_000

    let sizes: [Int]

    init(parsing text: String) throws {
        let sizes = try CommaList.parse(text, what: "a positive whole number") { Int($0).flatMap { $0 > 0 ? $0 : nil } }
        guard sizes.count >= 2 else {
            throw ValidationError("give the input size and at least one layer, e.g. 3,4,4,1")
        }
        var parameters = 0
        for (a, b) in zip(sizes, sizes.dropFirst()) {
            let (product, overflow) = (a + 1).multipliedReportingOverflow(by: b)
            parameters += product
            guard !overflow, parameters <= Self.parameterLimit else {
                throw ValidationError("more than \(Self.parameterLimit) parameters, the limit")
            }
        }
        self.sizes = sizes
    }

    var nin: Int { sizes[0] }
    var nouts: [Int] { Array(sizes.dropFirst()) }
    var description: String { sizes.map(String.init).joined(separator: ",") }
}

/// The samples to train on or build a loss over: `lab`, `lab5`, `moons:N` or
/// `sklearn-moons:N[:noise]`.
struct DatasetChoice {
    /// The most points `moons:N` may ask for.
    static let moonsLimit = 100_000

    let name: String
    private let make: @Sendable (Int) throws -> Dataset

    init(parsing text: String) throws {
        name = text
        switch text {
        case "lab": make = { _ in .lab }
        case "lab5": make = { _ in .lab5 }
        case _ where text.hasPrefix("sklearn-moons"):
            make = try Self.sklearnMoons(text)
        default:
            let parts = text.split(separator: ":", maxSplits: 1)
            guard parts.first == "moons" else {
                throw ValidationError("use lab, lab5, moons:N or sklearn-moons:N[:noise]")
            }
            let count = parts.count == 2 ? Int(parts[1]) : 100
            guard let count, (2...Self.moonsLimit).contains(count) else {
                throw ValidationError("moons takes a number of points from 2 to \(Self.moonsLimit), e.g. moons:100")
            }
            make = { seed in .moons(count: count, seed: seed) }
        }
    }

    /// `sklearn-moons:N[:noise]`: scikit-learn's `make_moons(N, noise=noise)` (default 100
    /// points, noise 0.1) after `np.random.seed(seed)`, targets `y*2 - 1`.
    private static func sklearnMoons(_ text: String) throws -> @Sendable (Int) throws -> Dataset {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let usage = "sklearn-moons takes a number of points from 2 to \(moonsLimit) and a noise of 0 or more, e.g. sklearn-moons:100:0.1"
        guard parts[0] == "sklearn-moons", parts.count <= 3 else { throw ValidationError(usage) }
        let count = parts.count > 1 ? Int(parts[1]) : 100
        let noise = parts.count > 2 ? Double(parts[2]) : 0.1
        guard let count, (2...moonsLimit).contains(count), let noise, noise.isFinite, noise >= 0 else {
            throw ValidationError(usage)
        }
        return { seed in
            guard let numpySeed = UInt32(exactly: seed) else {
                throw ValidationError("sklearn-moons seeds numpy, which takes a --seed from 0 to \(UInt32.max), not \(seed)")
            }
            return .sklearnMoons(count: count, noise: noise, seed: numpySeed)
        }
    }

    /// The samples, with `seed` for the ones that are generated.
    func dataset(seed: Int) throws -> Dataset { try make(seed) }
}

/// The options every command that builds a network shares. Each is nil when not given, so
/// that a preset can fill it (`merged(over:)`); the defaults are the lab's.
struct NetworkOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Seed for the weights (Python's random.seed), as the lab's random.seed(1337) (default 1337); sklearn-moons seeds numpy with it too.")
    var seed: Int?

    @Option(help: ArgumentHelp("Activation of the layers: tanh (the lab's, default) or relu (micrograd's).", valueName: "name"))
    var activation: Activation?

    @Flag(inversion: .prefixedNo, help: "Make the last layer linear, no activation (micrograd's nn.py).")
    var linearOutput: Bool?

    @Flag(inversion: .prefixedNo, help: "Start every bias at 0, drawing only the weights (micrograd's Value(0)).")
    var zeroBias: Bool?

    /// The seed to use: `--seed`, else 1337.
    var resolvedSeed: Int { seed ?? 1337 }

    /// These options, with `base`'s where these were not given.
    func merged(over base: NetworkOptions) -> NetworkOptions {
        var merged = self
        merged.seed = seed ?? base.seed
        merged.activation = activation ?? base.activation
        merged.linearOutput = linearOutput ?? base.linearOutput
        merged.zeroBias = zeroBias ?? base.zeroBias
        return merged
    }

    /// Builds the network with the lab's draws (weights, then the bias unless it is zero).
    func network(_ architecture: Architecture) -> MLP {
        var random = PythonRandom(seed: resolvedSeed)
        return MLP(architecture.nin, architecture.nouts, random: &random, activation: activation ?? .tanh,
                   linearOutput: linearOutput ?? false, zeroBias: zeroBias ?? false)
    }
}

extension Activation: ExpressibleByArgument {
    public static var allValueStrings: [String] { ["tanh", "relu"] }
}
