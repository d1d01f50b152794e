#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Micrograd

/// A mistake in a program that parsed: a name used before it is assigned, a `**` whose
/// exponent is not a number, an input given but never used.
public struct BuildError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, naming the offending text.
    public let message: String
    /// Where, when the mistake has a place in the program.
    public let location: SourceLocation?

    /// `line L, column C: MESSAGE`, or just the message.
    public var description: String {
        guard let l = location else { return message }
        return "line \(l.line), column \(l.column): \(message)"
    }
}

/// Where an input's value came from.
public enum InputSource: Sendable, Equatable {
    /// `NAME=VALUE` on the command line.
    case given
    /// `name = 0.5` in the program.
    case program
    /// Drawn from the seeded random source, `uniform(-1, 1)`.
    case random
}

/// An input of a built program: a labelled leaf.
public struct BuiltInput {
    /// The input's name (its label).
    public let name: String
    /// Its leaf in the graph.
    public let value: Value
    /// Where its number came from.
    public let source: InputSource
}

/// A program built into a graph, as the lab's Python would build it over `Value` inputs.
public struct BuiltProgram {
    /// The graph that owns every node.
    public let graph: Graph
    /// The value of the program's last statement.
    public let root: Value
    /// The inputs, in order of first appearance in the program (their leaves come first on the tape).
    public let inputs: [BuiltInput]
    /// For each tape index, the program node that made it (-1: none); `location(of:)` reads it.
    let origins: [Int32]
    /// The program's node locations, which `origins` index.
    let nodeLocations: [SourceLocation]

    /// Where in the program the node at tape index `index` was made: the operator, function or
    /// number that created it, or an input's first use; nil for a node the program did not make.
    public func location(of index: Int) -> SourceLocation? {
        guard index >= 0, index < origins.count, origins[index] >= 0 else { return nil }
        return nodeLocations[Int(origins[index])]
    }
}

extension Program {
    /// Builds the program into a new graph.
    ///
    /// Inputs are the names the program uses without computing them: a value from `inputs`
    /// (the command line's `NAME=VALUE`) wins, then a number the program assigns
    /// (`v0 = 0.5`), else a draw from `random`. Their leaves are created first, in order of
    /// first appearance. Then statements run in order: arithmetic between plain numbers stays
    /// a number (IEEE: `1/0` is inf), a number meets a value through the lab's operators,
    /// and `name = expr` labels the value. A program whose result is a number gets a leaf.
    public func build(inputs given: [String: Double] = [:], random: inout PythonRandom) throws(BuildError) -> BuiltProgram {
        let graph = Graph(capacity: max(1024, nodes.count * 2))
        let plan = try planInputs(given: given)
        var builtInputs: [BuiltInput] = []
        var bound: [String: Operand] = [:]
        var origins: [Int32] = []
        for (name, source, number, node) in plan {
            let value = graph.leaf(number ?? random.uniform(-1, 1), label: name)
            origins.append(Int32(node))
            builtInputs.append(BuiltInput(name: name, value: value, source: source))
            bound[name] = .value(value)
        }
        var results = [Operand](repeating: .number(0), count: nodes.count)
        var last: Operand = .number(0)
        for (k, statement) in statements.enumerated() {
            if let target = statement.target, isInputAssignment(k) {
                last = bound[target]!
                continue
            }
            for i in nodeRange(ofStatement: k) {
                results[i] = try evaluate(i, results: results, bound: bound)
                origins += repeatElement(Int32(i), count: graph.count - origins.count)
            }
            last = results[statement.value]
            if let target = statement.target {
                if case .value(let v) = last { v.label = target }
                bound[target] = last
            }
        }
        let root: Value
        switch last {
        case .value(let v): root = v
        case .number(let x):
            root = graph.leaf(x, label: statements.last?.target ?? "")
            origins.append(Int32(statements.last.map(\.value) ?? -1))
        }
        return BuiltProgram(graph: graph, root: root, inputs: builtInputs, origins: origins, nodeLocations: locations)
    }

    /// A node's result: a plain number or a value in the graph.
    private enum Operand {
        case number(Double)
        case value(Value)
    }

    /// The node indices of statement `k`, which the parser emits contiguously ending at its value.
    private func nodeRange(ofStatement k: Int) -> ClosedRange<Int> {
        (k == 0 ? 0 : statements[k - 1].value + 1)...statements[k].value
    }

    /// Whether statement `k` assigns a plain number (no variables in its expression).
    private func isInputAssignment(_ k: Int) -> Bool {
        statements[k].target != nil && !nodes[nodeRange(ofStatement: k)].contains {
            if case .variable = $0 { return true } else { return false }
        }
    }

    /// The inputs in order of first appearance, each with its source, number (nil: draw one)
    /// and the program node of its first appearance.
    private func planInputs(given: [String: Double]) throws(BuildError) -> [(String, InputSource, Double?, Int)] {
        var assignedAt: [String: SourceLocation] = [:]
        var plan: [(String, InputSource, Double?, Int)] = []
        var planned = Set<String>()
        var used = Set<String>()
        var pendingFree: [String: SourceLocation] = [:]
        for (k, statement) in statements.enumerated() {
            for i in nodeRange(ofStatement: k) {
                guard case .variable(let name) = nodes[i] else { continue }
                used.insert(name)
                if assignedAt[name] == nil, !planned.contains(name) {
                    planned.insert(name)
                    pendingFree[name] = locations[i]
                    plan.append((name, given[name] == nil ? .random : .given, given[name], i))
                }
            }
            guard let target = statement.target else { continue }
            if let first = assignedAt[target] {
                throw BuildError(message: "'\(target)' is assigned twice (first on line \(first.line))",
                                 location: statement.location)
            }
            if let use = pendingFree[target] {
                throw BuildError(message: "'\(target)' is used before it is assigned (on line \(statement.location.line))",
                                 location: use)
            }
            assignedAt[target] = statement.location
            if isInputAssignment(k) {
                let number = try constantValue(ofStatement: k)
                planned.insert(target)
                used.insert(target)
                plan.append((target, given[target] == nil ? .program : .given, given[target] ?? number, statement.value))
            } else if given[target] != nil {
                throw BuildError(message: "'\(target)' is computed by the program, so \(target)=… cannot set it",
                                 location: statement.location)
            }
        }
        if let unused = given.keys.sorted().first(where: { !used.contains($0) }) {
            throw BuildError(message: "input '\(unused)' is given but the program never uses it", location: nil)
        }
        return plan
    }

    /// The number constant statement `k` evaluates to.
    private func constantValue(ofStatement k: Int) throws(BuildError) -> Double {
        let range = nodeRange(ofStatement: k)
        var results = [Operand](repeating: .number(0), count: range.count)
        for i in range {
            results[i - range.lowerBound] = try evaluate(i, results: results, bound: [:], offset: range.lowerBound)
        }
        guard case .number(let x) = results.last! else { fatalError("a constant statement gave a value") }
        return x
    }

    /// Node `i`'s result from its operands' results (`results[j - offset]` holds node j's).
    private func evaluate(_ i: Int, results: [Operand], bound: [String: Operand], offset: Int = 0) throws(BuildError) -> Operand {
        func result(_ j: Int) -> Operand { results[j - offset] }
        switch nodes[i] {
        case .number(let x):
            return .number(x)
        case .variable(let name):
            return bound[name]!
        case .negate(let a):
            switch result(a) {
            case .number(let x): return .number(-x)
            case .value(let v): return .value(-v)
            }
        case .call(let f, let a):
            switch result(a) {
            case .number(let x): return .number(Self.apply(f, x))
            case .value(let v): return .value(Self.apply(f, v))
            }
        case .binary(let op, let a, let b):
            switch (result(a), result(b)) {
            case (.number(let x), .number(let y)):
                return .number(Self.apply(op, x, y))
            case (.value(let u), .number(let y)):
                switch op {
                case .add: return .value(u + y)
                case .subtract: return .value(u - y)
                case .multiply: return .value(u * y)
                case .divide: return .value(u / y)
                case .power: return .value(u ** y)
                }
            case (.number(let x), .value(let v)):
                switch op {
                case .add: return .value(x + v)
                case .subtract: return .value(x - v)
                case .multiply: return .value(x * v)
                case .divide: return .value(x / v)
                case .power: throw exponentError(at: i, operand: b)
                }
            case (.value(let u), .value(let v)):
                switch op {
                case .add: return .value(u + v)
                case .subtract: return .value(u - v)
                case .multiply: return .value(u * v)
                case .divide: return .value(u / v)
                case .power: throw exponentError(at: i, operand: b)
                }
            }
        }
    }

    private func exponentError(at i: Int, operand b: Int) -> BuildError {
        let what = if case .variable(let name) = nodes[b] { "'\(name)', a value in the graph" } else { "a value in the graph" }
        return BuildError(message: "** needs a plain number as its exponent, not \(what)", location: locations[i])
    }

    /// A function of a value: a new node of the function's op.
    private static func apply(_ f: Function, _ v: Value) -> Value { v.apply(f.op) }

    /// A function of a plain number, by the engine's forward formula.
    private static func apply(_ f: Function, _ x: Double) -> Double { Op.forward(f.op, x, 0, 0) }

    private static func apply(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Double {
        switch op {
        case .add: x + y
        case .subtract: x - y
        case .multiply: x * y
        case .divide: x / y
        case .power: pow(x, y)
        }
    }
}
