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

/// The samples to train on or build a loss over: `lab`, `lab5` or `moons:N`.
struct DatasetChoice {
    /// The most points `moons:N` may ask for.
    static let moonsLimit = 100_000

    let name: String
    private let make: @Sendable (Int) -> Dataset

    init(parsing text: String) throws {
        name = text
        switch text {
        case "lab": make = { _ in .lab }
        case "lab5": make = { _ in .lab5 }
        default:
            let parts = text.split(separator: ":", maxSplits: 1)
            guard parts.first == "moons" else {
                throw ValidationError("use lab, lab5 or moons:N")
            }
            let count = parts.count == 2 ? Int(parts[1]) : 100
            guard let count, (2...Self.moonsLimit).contains(count) else {
                throw ValidationError("moons takes a number of points from 2 to \(Self.moonsLimit), e.g. moons:100")
            }
            make = { seed in .moons(count: count, seed: seed) }
        }
    }

    /// The samples, with `seed` for the ones that are generated.
    func dataset(seed: Int) -> Dataset { make(seed) }
}

/// The options every command that builds a network shares.
struct NetworkOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Seed for the weights (Python's random.seed), as the lab's random.seed(1337).")
    var seed = 1337

    @Option(help: ArgumentHelp("Activation of every layer: tanh (the lab's) or relu.", valueName: "name"))
    var activation: Activation = .tanh

    /// Builds the network with the lab's draws.
    func network(_ architecture: Architecture) -> MLP {
        var random = PythonRandom(seed: seed)
        return MLP(architecture.nin, architecture.nouts, random: &random, activation: activation)
    }
}

extension Activation: ExpressibleByArgument {
    public static var allValueStrings: [String] { ["tanh", "relu"] }
}
