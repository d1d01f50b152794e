import Micrograd

/// Where a piece of syntax starts: 1-based line and column (columns count characters of the line).
public struct SourceLocation: Sendable, Equatable {
    /// The 1-based line number.
    public let line: Int
    /// The 1-based column, in characters from the start of the line.
    public let column: Int

    /// Creates a location from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A binary operator of the expression language; the raw value is its spelling.
public enum BinaryOperator: String, Sendable {
    /// Addition, `a + b`.
    case add = "+"
    /// Subtraction, `a - b`.
    case subtract = "-"
    /// Multiplication, `a * b`.
    case multiply = "*"
    /// Division, `a / b`.
    case divide = "/"
    /// Exponentiation, `a ** b` (right-associative).
    case power = "**"
}

/// A function that can be called as `f(x)` or in method form `x.f()`.
public enum Function: String, Sendable, CaseIterable {
    /// The exponential function.
    case exp
    /// The hyperbolic tangent.
    case tanh
    /// The rectified linear unit, `max(0, x)`.
    case relu
    /// The natural logarithm.
    case log

    /// The engine's op that computes the function.
    public var op: Op {
        switch self {
        case .exp: .exp
        case .tanh: .tanh
        case .relu: .relu
        case .log: .log
        }
    }
}

/// One node of a parsed program. Operands are indices of earlier nodes in `Program.nodes` (post-order).
public enum Node: Sendable, Equatable {
    /// A numeric literal.
    case number(Double)
    /// A reference to a named value.
    case variable(String)
    /// Unary minus applied to the operand node.
    case negate(Int)
    /// A binary operator applied to the left and right operand nodes.
    case binary(BinaryOperator, Int, Int)
    /// A function applied to its single argument node.
    case call(Function, Int)
}

/// One statement: an optional assignment target and the node holding its value.
public struct Statement: Sendable, Equatable {
    /// The assigned name for `name = expr`, or `nil` for a bare expression.
    public let target: String?
    /// Index into `Program.nodes` of the statement's value (the root of its expression).
    public let value: Int
    /// Where the statement starts.
    public let location: SourceLocation
}

/// A parsed program in flat form: nodes in post-order and the statements that use them.
///
/// The last statement is the program's result. Nodes are never shared between statements,
/// and the nodes of one statement are contiguous.
public struct Program: Sendable {
    /// All expression nodes, in post-order: every operand index is smaller than its node's index.
    public var nodes: [Node]
    /// One location per node: the operator for unary and binary operators, the start of
    /// numbers and variables, and the function name for calls.
    public var locations: [SourceLocation]
    /// The statements, in source order.
    public var statements: [Statement]

    /// Parses source text, in linear time and without recursion.
    public init(parsing source: String) throws(SyntaxError) {
        var text = source
        // `withUTF8` rethrows untyped errors, so the typed one travels in a `Result`.
        let result = text.withUTF8 { bytes in
            Result { () throws(SyntaxError) in
                var parser = Parser(source: bytes)
                return try parser.parseProgram()
            }
        }
        self = try result.get()
    }

    /// Creates an empty program for the parser to fill.
    init() {
        nodes = []
        locations = []
        statements = []
    }
}
