#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Dataset {
    /// scikit-learn's `make_moons(n_samples=count, noise=noise)` (shuffled) after
    /// `np.random.seed(seed)`, with micrograd's demo targets `y*2 - 1`: −1 for the outer half
    /// circle, +1 for the inner one.
    ///
    /// As scikit-learn builds it: `count / 2` outer points `(cos t, sin t)` and the rest inner
    /// `(1 - cos t, 1 - sin t - 0.5)`, `t` from numpy's `linspace(0, π, n)` (`i * (π/(n-1))`,
    /// the last exactly π); the rows shuffled by the global `RandomState`'s `shuffle` of
    /// `arange(count)`; then `normal(scale: noise)` added to each coordinate, row by row.
    public static func sklearnMoons(count: Int, noise: Double = 0.1, seed: UInt32 = 1337) -> Dataset {
        precondition(count >= 0, "a negative number of points")
        func linspace(_ n: Int) -> [Double] {
            guard n > 1 else { return Array(repeating: 0, count: n) }
            let step = Double.pi / Double(n - 1)
            return (0..<n).map { $0 == n - 1 ? Double.pi : Double($0) * step }
        }
        let outer = count / 2
        let points = linspace(outer).map { [cos($0), sin($0)] }
            + linspace(count - outer).map { [1 - cos($0), 1 - sin($0) - 0.5] }
        var random = NumpyRandom(seed: seed)
        let order = random.permutation(count)
        var xs: [[Double]] = [], ys: [Double] = []
        for i in order {
            xs.append(points[i].map { $0 + random.normal(scale: noise) })
            ys.append(i < outer ? -1 : 1)
        }
        return Dataset(xs: xs, ys: ys)
    }
}
