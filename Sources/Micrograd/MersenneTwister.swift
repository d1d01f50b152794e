/// The MT19937 generator that CPython's `random` and numpy's legacy `RandomState` share: the
/// state, the twist, the tempered 32-bit output and the 53-bit double both build from two
/// outputs. The two libraries differ only in how they seed it (`seed(_:)`, `seed(key:)`).
struct MersenneTwister: Sendable {
    private var state = [UInt32](repeating: 0, count: 624)
    private var position = 624

    /// `init_genrand(s)`: the reference seeding by one 32-bit word (numpy's `seed(int)`).
    init(seed s: UInt32) {
        state[0] = s
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    /// `init_by_array(key)`: the reference seeding by an array of words (CPython's `seed(int)`).
    init(key: [UInt32]) {
        self.init(seed: 19_650_218)
        var i = 1, j = 0
        for _ in 0..<max(624, key.count) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<623 {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
        }
        state[0] = 0x8000_0000
    }

    private mutating func twist() {
        for k in 0..<624 {
            let y = (state[k] & 0x8000_0000) | (state[(k + 1) % 624] & 0x7fff_ffff)
            state[k] = state[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_b0df)
        }
        position = 0
    }

    /// The next 32-bit output (`genrand_uint32`).
    mutating func next32() -> UInt32 {
        if position >= 624 { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// A double in [0, 1) with 53 random bits: `(a>>5 * 2**26 + b>>6) / 2**53` from two outputs
    /// (CPython's `random()`, numpy's `random_sample()`).
    mutating func nextDouble() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }
}
