import ArgumentParser
import Micrograd

/// The options every command that builds a network shares. Each is nil when not given, so
/// that a preset can fill it (`TrainingSetup.merged(over:)`); the defaults are the lab's.
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

    /// Builds the network with the lab's draws (weights, then the bias unless it is zero).
    func network(_ architecture: Architecture) -> MLP {
        architecture.network(seed: resolvedSeed, activation: activation ?? .tanh,
                             linearOutput: linearOutput ?? false, zeroBias: zeroBias ?? false)
    }

    /// A setting error of the library as ArgumentParser's usage error (exit status 64).
    static func usage<T>(_ body: () throws(SetupError) -> T) throws -> T {
        do { return try body() } catch { throw ValidationError(error.message) }
    }
}

extension Activation: ExpressibleByArgument {
    public static var allValueStrings: [String] { ["tanh", "relu"] }
}
