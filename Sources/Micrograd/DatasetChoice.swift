/// The samples to train on or build a loss over, by name: `lab`, `lab5`, `moons:N` or
/// `sklearn-moons:N[:noise]`.
public struct DatasetChoice: Sendable, CustomStringConvertible {
    /// The most points `moons:N` may ask for.
    public static let moonsLimit = 100_000

    /// The name as given.
    public let name: String
    private let make: @Sendable (Int) throws(SetupError) -> Dataset

    /// Parses a name; the samples are made by `dataset(seed:)`.
    public init(parsing text: String) throws(SetupError) {
        name = text
        switch text {
        case "lab": make = { _ in .lab }
        case "lab5": make = { _ in .lab5 }
        case _ where text.hasPrefix("sklearn-moons"):
            make = try Self.sklearnMoons(text)
        default:
            let parts = text.split(separator: ":", maxSplits: 1)
            guard parts.first == "moons" else {
                throw SetupError("use lab, lab5, moons:N or sklearn-moons:N[:noise]")
            }
            let count = parts.count == 2 ? Int(parts[1]) : 100
            guard let count, (2...Self.moonsLimit).contains(count) else {
                throw SetupError("moons takes a number of points from 2 to \(Self.moonsLimit), e.g. moons:100")
            }
            make = { seed in .moons(count: count, seed: seed) }
        }
    }

    /// `sklearn-moons:N[:noise]`: scikit-learn's `make_moons(N, noise=noise)` (default 100
    /// points, noise 0.1) after `np.random.seed(seed)`, targets `y*2 - 1`.
    private static func sklearnMoons(_ text: String) throws(SetupError) -> @Sendable (Int) throws(SetupError) -> Dataset {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let usage = "sklearn-moons takes a number of points from 2 to \(moonsLimit) and a noise of 0 or more, e.g. sklearn-moons:100:0.1"
        guard parts[0] == "sklearn-moons", parts.count <= 3 else { throw SetupError(usage) }
        let count = parts.count > 1 ? Int(parts[1]) : 100
        let noise = parts.count > 2 ? Double(parts[2]) : 0.1
        guard let count, (2...moonsLimit).contains(count), let noise, noise.isFinite, noise >= 0 else {
            throw SetupError(usage)
        }
        return { seed throws(SetupError) in
            guard let numpySeed = UInt32(exactly: seed) else {
                throw SetupError("sklearn-moons seeds numpy, which takes a --seed from 0 to \(UInt32.max), not \(seed)")
            }
            return .sklearnMoons(count: count, noise: noise, seed: numpySeed)
        }
    }

    /// The samples, with `seed` for the ones that are generated.
    public func dataset(seed: Int) throws(SetupError) -> Dataset { try make(seed) }

    /// The name.
    public var description: String { name }
}
