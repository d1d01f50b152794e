#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// numpy's legacy `RandomState` (what `np.random.seed(n)` and the `np.random.*` functions
/// use), bit for bit: MT19937 seeded by `init_genrand(n)` (not CPython's `init_by_array`),
/// `random_sample()`, the legacy polar Gaussian with its cached second value, and the legacy
/// `shuffle` (Fisher–Yates from the end, bounded by masked rejection).
public struct NumpyRandom: Sendable {
    private var generator: MersenneTwister
    /// The second value of the last polar pair, returned by the next `gauss()`.
    private var cachedGauss: Double?

    /// The generator after `np.random.seed(seed)`; numpy accepts 0 … 2³² − 1.
    public init(seed: UInt32) {
        generator = MersenneTwister(seed: seed)
    }

    /// `random_sample()`: a double in [0, 1) with 53 random bits.
    public mutating func randomSample() -> Double { generator.nextDouble() }

    /// `standard_normal()` of the legacy generator: Marsaglia's polar method on pairs of
    /// `2 * random_sample() - 1`; returns `f * x2` and keeps `f * x1` for the next call.
    public mutating func gauss() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * randomSample() - 1.0
            x2 = 2.0 * randomSample() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = sqrt(-2.0 * log(r2) / r2)
        cachedGauss = f * x1
        return f * x2
    }

    /// `normal(loc, scale)`: `loc + scale * gauss()`.
    public mutating func normal(loc: Double = 0, scale: Double = 1) -> Double {
        loc + scale * gauss()
    }

    /// `random_interval(max)`: a uniform integer in 0 … `max`, by drawing 32-bit outputs
    /// masked to the smallest all-ones mask ≥ `max` until one is ≤ `max`.
    mutating func interval(_ max: UInt32) -> UInt32 {
        guard max > 0 else { return 0 }
        var mask = max
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16
        while true {
            let value = generator.next32() & mask
            if value <= max { return value }
        }
    }

    /// `shuffle(x)` for a 1-D array: for i from n−1 down to 1, swap `x[i]` and
    /// `x[random_interval(i)]`.
    public mutating func shuffle<T>(_ x: inout [T]) {
        precondition(x.count <= Int(UInt32.max), "shuffle of more than 2^32 elements")
        for i in stride(from: x.count - 1, through: 1, by: -1) {
            x.swapAt(i, Int(interval(UInt32(i))))
        }
    }

    /// `permutation(n)`: `arange(n)` shuffled.
    public mutating func permutation(_ n: Int) -> [Int] {
        var indices = Array(0..<n)
        shuffle(&indices)
        return indices
    }
}
