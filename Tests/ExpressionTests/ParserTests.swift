import Expression
import Testing

/// The value of statement `index` (default: the last) written out fully parenthesized.
/// Built without recursion: nodes are in post-order, so operands are rendered first.
private func rendered(_ program: Program, statement index: Int? = nil) -> String {
    var texts: [String] = []
    for node in program.nodes {
        switch node {
        case .number(let value): texts.append(value == value.rounded() ? String(Int(value)) : String(value))
        case .variable(let name): texts.append(name)
        case .negate(let operand): texts.append("(-\(texts[operand]))")
        case .binary(let op, let left, let right): texts.append("(\(texts[left]) \(op.rawValue) \(texts[right]))")
        case .call(let function, let argument): texts.append("\(function.rawValue)(\(texts[argument]))")
        }
    }
    return texts[program.statements[index ?? program.statements.count - 1].value]
}

/// Whether every operand precedes its node and each statement owns the contiguous run of
/// nodes that ends at its value.
private func isWellFormed(_ program: Program) -> Bool {
    for (index, node) in program.nodes.enumerated() {
        switch node {
        case .number, .variable: continue
        case .negate(let operand), .call(_, let operand): if operand >= index { return false }
        case .binary(_, let left, let right): if left >= index || right >= index { return false }
        }
    }
    let ends = program.statements.map(\.value)
    return program.locations.count == program.nodes.count
        && ends.last == program.nodes.count - 1
        && zip(ends, ends.dropFirst()).allSatisfy { $0 < $1 }
}

/// The error that parsing `source` throws, if any.
private func syntaxError(_ source: String) -> SyntaxError? {
    do {
        _ = try Program(parsing: source)
        return nil
    } catch {
        return error
    }
}

@Suite struct ParserTests {
    @Test(arguments: [
        ("a+b*c", "(a + (b * c))"),
        ("-x**2", "(-(x ** 2))"),
        ("2**3**2", "(2 ** (3 ** 2))"),
        ("2**-1", "(2 ** (-1))"),
        ("x**-1", "(x ** (-1))"),
        ("2**-x**2", "(2 ** (-(x ** 2)))"),
        ("(a+b)*c", "((a + b) * c)"),
        ("a-b-c", "((a - b) - c)"),
        ("a/b/c", "((a / b) / c)"),
        ("a*b/c*d", "(((a * b) / c) * d)"),
        ("-a*b", "((-a) * b)"),
        ("a*-b", "(a * (-b))"),
        ("a - -b", "(a - (-b))"),
        ("--x", "(-(-x))"),
        ("+a", "a"),
        ("a * +b ** +2", "(a * (b ** 2))"),
        ("-x.exp()", "(-exp(x))"),
        ("2**x.tanh()", "(2 ** tanh(x))"),
        ("exp(a*b+c)*f", "(exp(((a * b) + c)) * f)"),
        ("(a*b+c).tanh().relu()", "relu(tanh(((a * b) + c)))"),
        ("log(-(x))", "log((-x))"),
        ("a+b*c**d/e-f", "((a + ((b * (c ** d)) / e)) - f)"),
    ])
    func precedenceAndAssociativity(source: String, expected: String) throws {
        let program = try Program(parsing: source)
        #expect(rendered(program) == expected)
        #expect(isWellFormed(program))
    }

    @Test func nodesArePostOrderWithLocations() throws {
        let program = try Program(parsing: "a + b*c")
        #expect(program.nodes == [
            .variable("a"), .variable("b"), .variable("c"),
            .binary(.multiply, 1, 2), .binary(.add, 0, 3),
        ])
        #expect(program.locations.map(\.column) == [1, 5, 7, 6, 3])
        #expect(program.statements.map(\.target) == [nil])
        #expect(program.statements.map(\.value) == [4])
        #expect(program.statements.map(\.location) == [SourceLocation(line: 1, column: 1)])
    }

    @Test func locationsOfOperatorsAndCalls() throws {
        let program = try Program(parsing: "y = -b ** x.exp()")
        #expect(program.nodes == [.variable("b"), .variable("x"), .call(.exp, 1), .binary(.power, 0, 2), .negate(3)])
        #expect(program.locations.map(\.column) == [6, 11, 13, 8, 5])
    }

    @Test(arguments: [
        ("x.exp()", "exp(x)"),
        ("(a*b).tanh()", "tanh(a*b)"),
        ("x.relu()", "relu(x)"),
        ("(x).log()", "log(x)"),
        ("(a+b).exp().log()", "log(exp(a+b))"),
    ])
    func methodFormEqualsCallForm(method: String, call: String) throws {
        #expect(try Program(parsing: method).nodes == Program(parsing: call).nodes)
    }

    @Test(arguments: [
        ("2", 2.0), ("3.5", 3.5), (".5", 0.5), ("5.", 5.0), ("1e-3", 0.001),
        ("2E+10", 2e10), ("0.1", 0.1), ("5.e1", 50.0), ("1e-999", 0.0), ("007", 7.0),
    ])
    func numbers(source: String, value: Double) throws {
        #expect(try Program(parsing: source).nodes == [.number(value)])
    }

    @Test(arguments: [
        "0.1", "0.3", "2.675", "123456789012345", "1234567890123456", "9007199254740993",
        "3.14159265358979", "0.30000000000000004", "0.000000000000001", "1.7976931348623157e308",
        "4.9e-324", "12345678.12345678",
    ])
    func numbersRoundLikeDoubleFromString(text: String) throws {
        #expect(try Program(parsing: text).nodes == [.number(try #require(Double(text)))])
    }

    @Test(arguments: ["x", "_", "_x1", "abc_DEF9", "exp"])
    func identifiers(name: String) throws {
        #expect(try Program(parsing: name).nodes == [.variable(name)])
    }

    @Test func statementsAndAssignments() throws {
        let program = try Program(parsing: "e=a*b; d=e+c; L=d*f")
        #expect(program.statements.map(\.target) == ["e", "d", "L"])
        #expect(program.statements.map(\.location.column) == [1, 8, 15])
        #expect(program.statements.map(\.value) == [2, 5, 8])
        #expect(rendered(program, statement: 1) == "(e + c)")
        #expect(isWellFormed(program))
    }

    @Test func bareExpressionStatementsAndEmptyStatements() throws {
        let program = try Program(parsing: ";a;;b = 2;\n;\n a * b;")
        #expect(program.statements.map(\.target) == [nil, "b", nil])
        #expect(program.statements.map(\.location) == [
            SourceLocation(line: 1, column: 2), SourceLocation(line: 1, column: 5), SourceLocation(line: 3, column: 2),
        ])
    }

    @Test func commentsBlankLinesTabsAndCarriageReturns() throws {
        let source = "# header: naïve ∑ comments may hold anything\n\n\ta = 1  # one\r\n\r\n;;b = a * 2;\n# trailing"
        let program = try Program(parsing: source)
        #expect(program.statements.map(\.target) == ["a", "b"])
        #expect(program.statements.map(\.location) == [
            SourceLocation(line: 3, column: 2), SourceLocation(line: 5, column: 3),
        ])
        #expect(rendered(program) == "(a * 2)")
        #expect(program.locations.suffix(3) == [
            SourceLocation(line: 5, column: 7), SourceLocation(line: 5, column: 11), SourceLocation(line: 5, column: 9),
        ])
    }

    @Test(arguments: [
        ("a % b", "unknown operator '%'", 1, 3),
        ("a ^ b", "unknown operator '^' (use ** for powers)", 1, 3),
        ("a // b", "unknown operator '//'", 1, 3),
        ("a == b", "unknown operator '=='", 1, 3),
        ("a $ b", "unexpected character '$'", 1, 3),
        ("a = 1\u{7}", "unexpected control character U+0007", 1, 6),
        ("a = é", "non-ASCII character 'é' (U+00E9) is only allowed in comments", 1, 5),
        ("a = 1 # é is fine here\nb = a × 2", "non-ASCII character '×' (U+00D7) is only allowed in comments", 2, 7),
        ("(a + b", "'(' is never closed", 1, 1),
        ("x = (a * (b + c)\ny = x", "'(' is never closed", 1, 5),
        ("exp(a", "'(' is never closed", 1, 4),
        ("(", "'(' is never closed", 1, 1),
        ("a + b)", "unmatched ')'", 1, 6),
        (")", "unmatched ')'", 1, 1),
        ("a = )", "unmatched ')'", 1, 5),
        ("a +", "missing operand after '+'", 1, 3),
        ("a\n  b *\nc", "missing operand after '*'", 2, 5),
        ("-", "missing operand after '-'", 1, 1),
        ("* b", "missing operand before '*'", 1, 1),
        ("a = ** b", "missing operand before '**'", 1, 5),
        ("a + * b", "missing operand between '+' and '*'", 1, 5),
        ("(a - ) * b", "missing operand between '-' and ')'", 1, 6),
        ("a b", "missing operator between 'a' and 'b'", 1, 3),
        ("2 3", "missing operator between '2' and '3'", 1, 3),
        ("a\tb", "missing operator between 'a' and 'b'", 1, 3),
        ("(a)(b)", "missing operator between ')' and '('", 1, 4),
        ("2 exp(a)", "missing operator between '2' and 'exp'", 1, 3),
        ("()", "empty parentheses '()'", 1, 1),
        ("", "empty program", 1, 1),
        ("  \n# only a comment\n;;\n", "empty program", 1, 1),
        ("foo(x)", "unknown function 'foo' (known functions: exp, tanh, relu, log)", 1, 1),
        ("y = x.sigmoid()", "unknown function 'sigmoid' (known functions: exp, tanh, relu, log)", 1, 7),
        ("exp()", "exp() takes exactly one argument (0 given)", 1, 1),
        ("exp(a, b)", "exp() takes exactly one argument (2 given)", 1, 1),
        ("y = tanh(a, b, c)", "tanh() takes exactly one argument (3 given)", 1, 5),
        ("exp(a,)", "missing argument after ','", 1, 6),
        ("exp(, a)", "missing operand before ','", 1, 5),
        ("a, b", "',' is only allowed between the arguments of a call", 1, 2),
        ("(a, b)", "',' is only allowed between the arguments of a call", 1, 3),
        ("exp((a, b))", "',' is only allowed between the arguments of a call", 1, 7),
        ("x.exp", "expected '(' after '.exp', found end of input", 1, 6),
        ("x.exp\ny", "expected '(' after '.exp', found end of line", 1, 6),
        ("x.exp(1)", "method '.exp()' takes no arguments", 1, 7),
        ("x.(1)", "expected a function name after '.', found '('", 1, 3),
        ("2 = a", "cannot assign to '2': only a name can be assigned", 1, 1),
        ("a+b = c", "cannot assign to 'a+b': only a name can be assigned", 1, 1),
        ("(a) = 1", "cannot assign to '(a)': only a name can be assigned", 1, 1),
        ("a = b = 1", "chained assignment is not supported: use one '=' per statement", 1, 7),
        ("a =", "assignment to 'a' has no value", 1, 3),
        ("a = ; b", "assignment to 'a' has no value", 1, 3),
        ("1e", "invalid number '1e'", 1, 1),
        ("x = 1.2.3", "invalid number '1.2.3'", 1, 5),
        ("1e+", "invalid number '1e+'", 1, 1),
        ("2x", "invalid number '2x'", 1, 1),
        ("2.exp()", "invalid number '2.exp'", 1, 1),
        ("y = 1e999 * x", "number '1e999' is too large", 1, 5),
    ])
    func errors(source: String, message: String, line: Int, column: Int) throws {
        let error = try #require(syntaxError(source))
        #expect(error.message == message)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.description == "line \(line), column \(column): \(message)")
    }

    @Test func columnCountsCharactersOfTheLine() throws {
        let error = try #require(syntaxError("a = 1\n\tb % c # note"))
        #expect(error.description == "line 2, column 4: unknown operator '%'")
        let long = String(repeating: "a+", count: 1000) + "$" + String(repeating: "+a", count: 1000)
        #expect(try #require(syntaxError(long)).column == 2001)
    }

    @Test func hundredThousandNestedParentheses() throws {
        let depth = 100_000
        let nested = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
        #expect(try Program(parsing: nested).nodes == [.variable("a")])

        let calls = String(repeating: "exp(", count: depth) + "a" + String(repeating: ")", count: depth)
        let program = try Program(parsing: calls)
        #expect(program.nodes.count == depth + 1)
        #expect(program.nodes.last == .call(.exp, depth - 1))
        #expect(isWellFormed(program))

        let unclosed = try #require(syntaxError(String(repeating: "(", count: depth) + "a"))
        #expect(unclosed.message == "'(' is never closed")
        #expect(unclosed.column == depth)

        let unmatched = try #require(syntaxError("a" + String(repeating: ")", count: depth)))
        #expect(unmatched.message == "unmatched ')'")
        #expect(unmatched.column == 2)
    }

    @Test func hundredThousandTermChains() throws {
        let terms = 100_000
        let sum = try Program(parsing: "a" + String(repeating: "+a", count: terms - 1))
        #expect(sum.nodes.count == 2 * terms - 1)
        #expect(sum.nodes.last == .binary(.add, 2 * terms - 4, 2 * terms - 3))
        #expect(isWellFormed(sum))

        let power = try Program(parsing: "a" + String(repeating: "**a", count: terms - 1))
        #expect(power.nodes.last == .binary(.power, 0, 2 * terms - 3))
        #expect(isWellFormed(power))

        let negations = try Program(parsing: String(repeating: "-", count: terms) + "a")
        #expect(negations.nodes.count == terms + 1)
        #expect(negations.nodes.last == .negate(terms - 1))
    }

    @Test func millionStatementProgramParsesQuickly() throws {
        let count = 1_000_000
        var source = "x0 = 0.5\n"
        source.reserveCapacity(30 * count)
        var previous = "x0"
        for index in 1..<count {
            let name = "x" + String(index)
            source += name + " = " + previous + "*" + previous + "+1\n"
            previous = name
        }
        let parsed = try Program(parsing: source)
        #expect(parsed.statements.count == count)
        #expect(parsed.nodes.count == 5 * count - 4)  // x0 has one node, every later statement five
        #expect(parsed.statements[123_456].target == "x123456")
        #expect(parsed.statements[123_456].value == 5 * 123_456)
        #expect(parsed.statements[123_456].location == SourceLocation(line: 123_457, column: 1))
        let last = 5 * count - 5
        let expected: [Node] = [
            .variable("x999998"), .variable("x999998"), .binary(.multiply, last - 4, last - 3),
            .number(1), .binary(.add, last - 2, last - 1),
        ]
        #expect(Array(parsed.nodes.suffix(5)) == expected)
    }
}
