/// Where a node came from in the network code: a neuron's parameters, a neuron's forward
/// pass on one sample, a loss term, or the loss itself. Renderers group and colour by it.
public struct Scope: Hashable, Sendable {
    /// What kind of code made the nodes.
    public enum Kind: UInt8, Sendable {
        /// A neuron's weights and bias.
        case parameters
        /// A neuron's forward pass: the coerced input leaves, products, sums and activation.
        case neuron
        /// One sample's term of the loss (`(ŷ - y)**2`, or the SVM margin).
        case lossTerm
        /// The sum of the terms (and the mean's factor, the L2 term).
        case loss
    }

    /// What kind of code made the nodes.
    public var kind: Kind
    /// The layer (0-based), for parameters and neurons.
    public var layer: Int
    /// The neuron within its layer (0-based), for parameters and neurons.
    public var neuron: Int
    /// The sample being computed (0-based), when a dataset is; nil for one input or parameters.
    public var sample: Int?

    /// A scope; `layer` and `neuron` are 0 where they do not apply.
    public init(_ kind: Kind, layer: Int = 0, neuron: Int = 0, sample: Int? = nil) {
        self.kind = kind
        self.layer = layer
        self.neuron = neuron
        self.sample = sample
    }
}

/// A run of consecutive nodes `start..<end` that one scope made.
public struct Region: Sendable, Equatable {
    /// The first node.
    public var start: Int
    /// One past the last node.
    public var end: Int
    /// Who made them.
    public var scope: Scope
}

extension Graph {
    /// Records nodes `start..<end` as made by `scope` (nothing when the range is empty). Only
    /// the network code records (`NetworkTape`); one append per call, nothing per node.
    @inline(__always)
    func record(_ scope: Scope, from start: Int, to end: Int) {
        if end > start { regions.append(Region(start: start, end: end, scope: scope)) }
    }

    /// The scope of each of `nodes` (ascending indices), nil where no network code made it.
    public func scopes(of nodes: [Int]) -> [Scope?] {
        var result: [Scope?] = []
        result.reserveCapacity(nodes.count)
        var r = 0
        for node in nodes {
            while r < regions.count && regions[r].end <= node { r += 1 }
            result.append(r < regions.count && regions[r].start <= node ? regions[r].scope : nil)
        }
        return result
    }
}
