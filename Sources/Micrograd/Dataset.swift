#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inputs and ±1 targets to train on.
public struct Dataset: Sendable, Equatable {
    /// One input vector per sample.
    public let xs: [[Double]]
    /// One target per sample.
    public let ys: [Double]

    /// Builds a dataset; every input must have the same length.
    public init(xs: [[Double]], ys: [Double]) {
        precondition(xs.count == ys.count && Set(xs.map(\.count)).count <= 1, "ragged dataset")
        self.xs = xs
        self.ys = ys
    }

    /// Number of inputs per sample.
    public var inputCount: Int { xs.first?.count ?? 0 }

    /// The 4 samples of the lab's §7.1.
    public static let lab = Dataset(
        xs: [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]],
        ys: [1.0, -1.0, -1.0, 1.0])

    /// The lab's samples plus the fifth of §7.3, `[-1, 0, 1] → +1`.
    public static let lab5 = Dataset(xs: lab.xs + [[-1.0, 0.0, 1.0]], ys: lab.ys + [1.0])

    /// Two interleaving half circles in 2-D, `count` points, labels +1 (outer) and −1 (inner).
    ///
    /// Angles are evenly spaced over [0, π] (`count / 2` outer points, the rest inner); each
    /// coordinate gets noise `0.1 * uniform(-1, 1)` from `PythonRandom(seed: seed &+ 1)`, a
    /// stream of its own, so a network seeded with `seed` draws the lab's weights.
    public static func moons(count: Int, seed: Int) -> Dataset {
        var random = PythonRandom(seed: seed &+ 1)
        let outer = count / 2
        var xs: [[Double]] = [], ys: [Double] = []
        for i in 0..<count {
            let isOuter = i < outer
            let (j, n) = isOuter ? (i, outer) : (i - outer, count - outer)
            let t = n > 1 ? Double.pi * Double(j) / Double(n - 1) : 0
            let (x, y) = isOuter ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
            xs.append([x + 0.1 * random.uniform(-1, 1), y + 0.1 * random.uniform(-1, 1)])
            ys.append(isOuter ? 1 : -1)
        }
        return Dataset(xs: xs, ys: ys)
    }
}
