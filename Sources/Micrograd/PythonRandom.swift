/// CPython's `random` module, bit for bit: MT19937 seeded as `random.seed(n)` seeds it for an
/// integer `n`, `random()` and `uniform(a, b)`.
///
/// `seed(n)` calls `init_by_array` with the 32-bit words of |n|, least significant first;
/// `random()` builds a 53-bit fraction from two 32-bit outputs.
public struct PythonRandom: Sendable {
    private var generator: MersenneTwister

    /// The generator after `random.seed(seed)`.
    public init(seed: Int) {
        var magnitude = seed.magnitude
        var key: [UInt32] = []
        repeat {
            key.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        } while magnitude != 0
        generator = MersenneTwister(key: key)
    }

    /// The next 32-bit output (`genrand_uint32`).
    public mutating func next32() -> UInt32 { generator.next32() }

    /// `random.random()`: a double in [0, 1) with 53 random bits.
    public mutating func random() -> Double { generator.nextDouble() }

    /// `random.uniform(a, b)`: `a + (b - a) * random()`.
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * random()
    }
}
