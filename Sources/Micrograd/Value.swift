#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scalar in a computation graph: a handle (graph, index) to one node of a `Graph`'s tape.
///
/// Values are cheap to copy and keep their graph alive. Operators mirror the lab's Python, including how plain numbers are coerced:
/// `a + 1` adds a leaf for 1, `2 * a` is `a * 2`, `a - b` is `a + (-b)`, `-a` is `a * -1`,
/// `a / b` is `a * b**-1`, `1 - a` is `(-a) + 1` and `2 / a` is `a**-1 * 2`, as Karpathy's
/// reflected operators build them. Arithmetic between two numbers stays a number.
public struct Value {
    /// The graph that owns this value's node (a value keeps its graph alive).
    public let graph: Graph
    /// The node's index on the tape: its position in creation order.
    public let index: Int

    init(graph: Graph, index: Int) {
        self.graph = graph
        self.index = index
    }

    /// The node's number.
    public var data: Double {
        get { graph.data[index] }
        nonmutating set { graph.data[index] = newValue }
    }

    /// ∂root/∂self after `backward()`; 0 until then.
    public var grad: Double {
        get { graph.grad[index] }
        nonmutating set { graph.grad[index] = newValue }
    }

    /// The name shown in pictures (`a`, `L0N0.w0`); empty by default.
    public var label: String {
        get { graph.labelName(graph.label[index]) }
        nonmutating set { graph.label[index] = graph.labelID(newValue) }
    }

    /// The op that produced this value (`.leaf` for inputs, parameters and numbers).
    public var op: Op { graph.op[index] }

    /// The exponent `k` of a `**k` node; 0 for other ops.
    public var exponent: Double { graph.exponent[index] }

    /// The op's name as the lab prints it (`+`, `*`, `**2`, `tanh`); empty for a leaf.
    public var opName: String { op.name(exponent: exponent) }

    /// The operands, in the order the op took them; repeats are kept (`a*a` lists `a` twice).
    public var children: [Value] { graph.operands(of: index).map { Value(graph: graph, index: $0) } }

    /// Seeds this value's grad with 1 and accumulates gradients into every value it depends
    /// on, like the lab's `backward()`. A second call adds again on top of the first call's
    /// grads, so the root's operands get 2×, their operands more (the warm-up twice gives
    /// a.grad = 24, not 12), exactly as the lab's Python does; zero the grads in between.
    public func backward() { graph.backward(from: index) }

    /// Returns self with its label set, for building labelled graphs in one expression.
    public func labelled(_ name: String) -> Value {
        label = name
        return self
    }
}

extension Value: CustomStringConvertible {
    /// `Value(data=…, grad=…)`, as the lab's `__repr__` prints it.
    public var description: String { "Value(data=\(data), grad=\(grad))" }
}

// MARK: - Operators

precedencegroup PowerPrecedence {
    higherThan: MultiplicationPrecedence
    associativity: right
}

/// `a ** k`: a value raised to a plain number.
infix operator ** : PowerPrecedence

extension Value {
    @inline(__always)
    private func checkSameGraph(_ other: Value) {
        precondition(graph === other.graph, "values from two different graphs cannot be combined")
    }

    /// `a + b`.
    public static func + (a: Value, b: Value) -> Value {
        a.checkSameGraph(b)
        return Value(graph: a.graph, index: a.graph.apply(.add, a.index, b.index))
    }

    /// `a * b`.
    public static func * (a: Value, b: Value) -> Value {
        a.checkSameGraph(b)
        return Value(graph: a.graph, index: a.graph.apply(.mul, a.index, b.index))
    }

    /// `a ** k` for a plain number `k` (the lab asserts the exponent is a number).
    public static func ** (a: Value, k: Double) -> Value {
        Value(graph: a.graph, index: a.graph.apply(.pow, a.index, exponent: k))
    }

    /// `-a`, built as `a * -1`.
    public static prefix func - (a: Value) -> Value { a * -1 }

    /// `a - b`, built as `a + (-b)`.
    public static func - (a: Value, b: Value) -> Value { a + (-b) }

    /// `a / b`, built as `a * b**-1`.
    public static func / (a: Value, b: Value) -> Value { a * b ** -1 }

    // A plain number on the right becomes a leaf, as `other = Value(other)` does.

    /// `a + x`: `x` becomes a leaf.
    public static func + (a: Value, x: Double) -> Value { a + a.graph.leaf(x) }
    /// `a * x`: `x` becomes a leaf.
    public static func * (a: Value, x: Double) -> Value { a * a.graph.leaf(x) }
    /// `a - x`, built as `a + (-x)`: the negation is done on the number.
    public static func - (a: Value, x: Double) -> Value { a + (-x) }
    /// `a / x`, built as `a * x**-1`: the power is done on the number.
    public static func / (a: Value, x: Double) -> Value { a * pow(x, -1) }

    // A plain number on the left goes through Python's reflected operators.

    /// `x + a`, built as `a + x` (`__radd__`).
    public static func + (x: Double, a: Value) -> Value { a + x }
    /// `x * a`, built as `a * x` (`__rmul__`).
    public static func * (x: Double, a: Value) -> Value { a * x }
    /// `x - a`, built as `(-a) + x` (Karpathy's `__rsub__`: `other + (-self)`).
    public static func - (x: Double, a: Value) -> Value { (-a) + x }
    /// `x / a`, built as `a**-1 * x` (Karpathy's `__rtruediv__`: `other * self**-1`).
    public static func / (x: Double, a: Value) -> Value { a ** -1 * x }

    /// `exp(a)`.
    public func exp() -> Value { apply(.exp) }
    /// `tanh(a)` by the lab's formula; ±1 for large |a| instead of the formula's NaN.
    public func tanh() -> Value { apply(.tanh) }
    /// `relu(a)`, Karpathy's `max(0, a)` (op name `ReLU`).
    public func relu() -> Value { apply(.relu) }
    /// `log(a)`, the natural logarithm; NaN below 0 and -inf at 0, as IEEE arithmetic gives.
    public func log() -> Value { apply(.log) }

    /// A one-operand op (`exp`, `tanh`, `relu`, `log`) applied to this value.
    public func apply(_ op: Op) -> Value {
        precondition(op.arity == 1 && op != .pow, "apply(_:) takes a one-operand op; \(op) is not one")
        return Value(graph: graph, index: graph.apply(op, index))
    }
}
