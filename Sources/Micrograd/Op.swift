#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operations of the engine: each one's forward formula and local derivative, in one table.
///
/// This file *is* the table of the lab's §5: every op sits next to its local derivative.
/// Formulas are written exactly as the lab's Python writes them (same operations, same order),
/// so forward values agree with the lab bit for bit.
public enum Op: UInt8, Sendable, CaseIterable, BitwiseCopyable {
    /// A leaf: an input, a parameter or a plain number coerced into the graph.
    case leaf
    /// `u + v`; ∂/∂u = 1, ∂/∂v = 1.
    case add
    /// `u * v`; ∂/∂u = v, ∂/∂v = u.
    case mul
    /// `u ** k` for a number k; ∂/∂u = k·u^(k-1).
    case pow
    /// `exp(u)`; ∂/∂u = exp(u), the output itself.
    case exp
    /// `tanh(u)` by the lab's formula (e^2u − 1)/(e^2u + 1); ∂/∂u = 1 − tanh²(u).
    case tanh
    /// `relu(u)` as in Karpathy's micrograd; ∂/∂u = 1 if the output is positive, else 0.
    case relu
    /// `log(u)`, the natural logarithm; ∂/∂u = 1/u.
    case log

    /// How many operands the op takes.
    public var arity: Int {
        switch self {
        case .leaf: 0
        case .add, .mul: 2
        case .pow, .exp, .tanh, .relu, .log: 1
        }
    }

    /// The op's name as the lab prints it: `+`, `*`, `**2`, `**-1`, `exp`, `tanh`, `ReLU`, `log`;
    /// empty for a leaf.
    public func name(exponent: Double) -> String {
        switch self {
        case .leaf: ""
        case .add: "+"
        case .mul: "*"
        case .pow: "**" + Op.formatExponent(exponent)
        case .exp: "exp"
        case .tanh: "tanh"
        case .relu: "ReLU"
        case .log: "log"
        }
    }

    /// Python's `str()` of an exponent written as a literal: `2`, `-1`, `0.5`.
    static func formatExponent(_ k: Double) -> String {
        if k == k.rounded(), abs(k) < 1e15 { return String(Int64(k)) }
        return "\(k)"
    }

    /// The forward formula: the output's data from the operands' data `u`, `v` and exponent `k`.
    @inline(__always)
    public static func forward(_ op: Op, _ u: Double, _ v: Double, _ k: Double) -> Double {
        switch op {
        case .leaf: u
        case .add: u + v
        case .mul: u * v
        case .pow: power(u, k)
        case .exp: exponential(u)
        case .tanh: labTanh(u)
        case .relu: u < 0 ? 0 : u
        case .log: logarithm(u)
        }
    }

    /// The lab's tanh, `(exp(2x) - 1) / (exp(2x) + 1)`, guarded: past x = 20 the formula is
    /// exactly 1.0 in float64 until exp overflows and gives inf/inf = NaN, so return 1.0 there.
    @inline(__always)
    static func labTanh(_ x: Double) -> Double {
        if x > 20 { return 1.0 }
        let e = exponential(2 * x)
        return (e - 1) / (e + 1)
    }

    /// The local derivative with respect to operand `operand` (0 or 1) as a teacher writes it,
    /// with `terms` filled in: names for the rule in symbols (`∂L/∂a = ∂L/∂e · b`), numbers for
    /// the same rule in numbers. This is the table's third column, beside `forward` and
    /// `backward`; the walkthrough, the playground and `explain` all write rules from it.
    public func localRule(_ operand: Int, _ terms: RuleTerms) -> String {
        switch self {
        case .leaf: ""
        case .add: "1"
        case .mul: operand == 0 ? terms.v : terms.u
        case .pow: "\(terms.k)·\(terms.u)^\(terms.kMinusOne)"
        case .exp: "exp(\(terms.u))"
        case .tanh: "(1 − \(terms.out)²)"
        case .relu: "(1 if \(terms.out) > 0 else 0)"
        case .log: "1/\(terms.u)"
        }
    }

    /// The local derivatives times the output's grad `g`: what the first and second operand
    /// receive (`du`, `dv`), given operand data `u`, `v`, output data `out` and exponent `k`.
    @inline(__always)
    public static func backward(_ op: Op, _ u: Double, _ v: Double, _ out: Double, _ k: Double, _ g: Double)
        -> (du: Double, dv: Double)
    {
        switch op {
        case .leaf: (0, 0)
        case .add: (1.0 * g, 1.0 * g)
        case .mul: (v * g, u * g)
        case .pow: (k * power(u, k - 1) * g, 0)
        case .exp: (out * g, 0)
        case .tanh: ((1 - power(out, 2)) * g, 0)
        case .relu: ((out > 0 ? 1.0 : 0.0) * g, 0)
        case .log: ((1.0 / u) * g, 0)
        }
    }
}

// The C library's functions (the ones CPython calls), under names the op cases do not shadow.
@inline(__always) private func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inline(__always) private func exponential(_ x: Double) -> Double { exp(x) }
@inline(__always) private func logarithm(_ x: Double) -> Double { log(x) }

/// What a local rule is written with: the operands `u` and `v`, the output `out` and the
/// exponent `k` of a node, as names (the rule in symbols) or as numbers (the rule in numbers).
public struct RuleTerms: Sendable {
    /// The first operand.
    public var u: String
    /// The second operand ("" for a one-operand op).
    public var v: String
    /// The node's output.
    public var out: String
    /// The exponent of a `**k` node.
    public var k: String
    /// The exponent minus one.
    public var kMinusOne: String

    /// Terms for one node.
    public init(u: String, v: String = "", out: String, k: String = "", kMinusOne: String = "") {
        self.u = u
        self.v = v
        self.out = out
        self.k = k
        self.kMinusOne = kMinusOne
    }
}
