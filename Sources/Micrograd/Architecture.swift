/// A network architecture `nin,h1,…,nout` as `3,4,4,1`.
public struct Architecture: Sendable, Equatable, CustomStringConvertible {
    /// The most parameters a network may have.
    public static let parameterLimit = 1_000_000

    /// The input size, then each layer's width.
    public let sizes: [Int]

    /// Parses `3,4,4,1`: at least two positive sizes, at most `parameterLimit` parameters.
    public init(parsing text: String) throws(SetupError) {
        let sizes = try CommaList.parse(text, what: "a positive whole number") { Int($0).flatMap { $0 > 0 ? $0 : nil } }
        guard sizes.count >= 2 else {
            throw SetupError("give the input size and at least one layer, e.g. 3,4,4,1")
        }
        var parameters = 0
        for (a, b) in zip(sizes, sizes.dropFirst()) {
            let (product, overflow) = (a + 1).multipliedReportingOverflow(by: b)
            parameters += product
            guard !overflow, parameters <= Self.parameterLimit else {
                throw SetupError("more than \(Self.parameterLimit) parameters, the limit")
            }
        }
        self.sizes = sizes
    }

    /// The input size.
    public var nin: Int { sizes[0] }
    /// The layer widths.
    public var nouts: [Int] { Array(sizes.dropFirst()) }
    /// `3,4,4,1`.
    public var description: String { sizes.map(String.init).joined(separator: ",") }

    /// The network with the lab's draws after `random.seed(seed)`: weights, then the bias unless
    /// `zeroBias`.
    public func network(seed: Int, activation: Activation, linearOutput: Bool, zeroBias: Bool) -> MLP {
        var random = PythonRandom(seed: seed)
        return MLP(nin, nouts, random: &random, activation: activation, linearOutput: linearOutput, zeroBias: zeroBias)
    }
}
