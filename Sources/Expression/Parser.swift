/// Turns tokens into a flat `Program` with an operator-precedence (shunting-yard) algorithm.
///
/// Explicit stacks take the place of recursion, so nesting depth is limited only by memory,
/// and every token is handled a bounded number of times, so parsing takes linear time.
/// Nodes are emitted in post-order, so an operator's right operand (and a call's argument,
/// and a statement's value) is always the node emitted last; an operator's left operand is
/// the node emitted last when the operator was read.
///
/// Grammar (Python's, restricted):
///
///     program    = statement { (";" | newline) statement }      (statements may be empty)
///     statement  = [ name "=" ] sum
///     sum        = product { ("+" | "-") product }
///     product    = unary { ("*" | "/") unary }
///     unary      = ("-" | "+") unary | power
///     power      = primary [ "**" unary ]
///     primary    = atom { "." function "(" ")" }
///     atom       = number | name | function "(" sum ")" | "(" sum ")"
struct Parser {
    private var lexer: Lexer
    /// The token being handled, and the one before it (a separator before the first token).
    private var current: Token
    private var previous: Token

    private var program = Program()
    /// The index of the node emitted last.
    private var lastNode = -1
    /// Operators still waiting for their right operand, innermost last.
    private var operators = OperatorStack()
    /// Parentheses still open, innermost last.
    private var parens: [OpenParen] = []

    /// The first token of the statement being parsed, and its assignment target.
    private var statementStart: Token
    private var target: String?

    /// Creates a parser of `source`, UTF-8 bytes that must outlive it.
    init(source: UnsafeBufferPointer<UInt8>) {
        lexer = Lexer(source)
        let start = Token(kind: .separator, location: SourceLocation(line: 1, column: 1), start: 0, end: 0)
        current = start
        previous = start
        statementStart = start
    }

    /// Parses the whole source.
    mutating func parseProgram() throws(SyntaxError) -> Program {
        while true {
            try advance()
            switch current.kind {
            case .separator:
                continue
            case .end:
                guard !program.statements.isEmpty else {
                    throw SyntaxError("empty program", at: SourceLocation(line: 1, column: 1))
                }
                return program
            default:
                try parseStatement()
            }
        }
    }

    /// Parses the statement starting at `current`, up to its separator or the end of input.
    private mutating func parseStatement() throws(SyntaxError) {
        statementStart = current
        target = nil
        if current.kind == .identifier, lexer.nextByte == UInt8(ascii: "=") {
            target = lexer.text(of: current)
            try advance()
            try advance()
        }
        var expectingOperand = true
        while true {
            if expectingOperand {
                expectingOperand = try parseOperand()
            } else if current.kind == .separator || current.kind == .end {
                break
            } else {
                expectingOperand = try parseOperator()
            }
            try advance()
        }
        reduce()
        if parens.count > 0 {
            throw lexer.error("'(' is never closed", at: parens[parens.count - 1].token)
        }
        program.statements.append(Statement(target: target, value: lastNode, location: statementStart.location))
    }

    /// Handles `current` where an operand must start; returns whether an operand is still expected.
    private mutating func parseOperand() throws(SyntaxError) -> Bool {
        switch current.kind {
        case .number(let value):
            emit(.number(value), at: current.location)
            return false
        case .identifier:
            let name = lexer.text(of: current)
            guard lexer.nextByte == UInt8(ascii: "(") else {
                emit(.variable(name), at: current.location)
                return false
            }
            let function = try knownFunction(name)
            let nameToken = current
            try advance()
            parens.append(OpenParen(token: current, call: (function, nameToken), commas: 0, depth: operators.count))
            return true
        case .leftParen:
            parens.append(OpenParen(token: current, call: nil, commas: 0, depth: operators.count))
            return true
        case .binary(.subtract):
            operators.push(.negate(current.location))
            return true
        case .binary(.add):
            return true  // unary plus changes nothing, so it makes no node
        default:
            throw missingOperand()
        }
    }

    /// Handles `current` after a complete operand (it is not a separator or the end);
    /// returns whether an operand is expected next.
    private mutating func parseOperator() throws(SyntaxError) -> Bool {
        switch current.kind {
        case .binary(let op):
            // Left-associative operators first apply pending ones that bind as tightly.
            reduce(downTo: op == .power ? op.precedence + 1 : op.precedence)
            operators.push(.binary(op, left: lastNode, current.location))
            return true
        case .rightParen:
            try closeParen()
            return false
        case .comma:
            reduce()
            guard parens.count > 0, parens[parens.count - 1].call != nil else { throw commaOutsideCall() }
            parens[parens.count - 1].commas += 1
            return true
        case .dot:
            try parseMethodCall()
            return false
        case .equals:
            if target != nil {
                throw lexer.error("chained assignment is not supported: use one '=' per statement", at: current)
            }
            let text = lexer.quote(from: statementStart.start, to: current.start)
            throw lexer.error("cannot assign to \(text): only a name can be assigned", at: statementStart)
        default:
            let names = "\(lexer.describe(previous)) and \(lexer.describe(current))"
            throw lexer.error("missing operator between \(names)", at: current)
        }
    }

    /// Closes the innermost parenthesis at `current` (a `)`), emitting a call if it is one.
    private mutating func closeParen() throws(SyntaxError) {
        reduce()
        guard let paren = parens.popLast() else { throw lexer.error("unmatched ')'", at: current) }
        if let call = paren.call {
            guard paren.commas == 0 else { throw wrongArgumentCount(call.function, paren.commas + 1, at: call.name) }
            emit(.call(call.function, lastNode), at: call.name.location)
        }
    }

    /// Parses `.name()` after an operand, at `current` (the `.`), applying `name` to that operand.
    private mutating func parseMethodCall() throws(SyntaxError) {
        try advance()
        guard current.kind == .identifier else {
            throw lexer.error("expected a function name after '.', found \(lexer.describe(current))", at: current)
        }
        let name = lexer.text(of: current)
        let function = try knownFunction(name)
        let nameToken = current
        try advance()
        guard current.kind == .leftParen else {
            throw lexer.error("expected '(' after '.\(name)', found \(lexer.describe(current))", at: current)
        }
        try advance()
        guard current.kind == .rightParen else {
            throw lexer.error("method '.\(name)()' takes no arguments", at: current)
        }
        emit(.call(function, lastNode), at: nameToken.location)
    }

    /// The function called `name`, which is `current`.
    private func knownFunction(_ name: String) throws(SyntaxError) -> Function {
        guard let function = Function(rawValue: name) else {
            let known = Function.allCases.map(\.rawValue).joined(separator: ", ")
            throw lexer.error("unknown function '\(name)' (known functions: \(known))", at: current)
        }
        return function
    }

    /// The error for `current`, which cannot start an operand, given the token before it.
    private func missingOperand() -> SyntaxError {
        let atEnd = current.kind == .separator || current.kind == .end
        switch (previous.kind, current.kind) {
        case (_, .comma) where parens.last?.call == nil:
            return commaOutsideCall()
        case (_, .rightParen) where parens.isEmpty:
            return lexer.error("unmatched ')'", at: current)
        case (.leftParen, .rightParen):
            if let call = parens.last?.call {
                return wrongArgumentCount(call.function, 0, at: call.name)
            }
            return lexer.error("empty parentheses '()'", at: previous)
        case (.leftParen, _) where atEnd:
            return lexer.error("'(' is never closed", at: previous)
        case (.equals, _) where atEnd:
            return lexer.error("assignment to '\(target ?? "")' has no value", at: previous)
        case (.comma, _) where atEnd || current.kind == .rightParen:
            return lexer.error("missing argument after ','", at: previous)
        case (.binary(let op), _) where atEnd:
            return lexer.error("missing operand after '\(op.rawValue)'", at: previous)
        case (.binary(let op), _):
            return lexer.error("missing operand between '\(op.rawValue)' and \(lexer.describe(current))", at: current)
        default:
            return lexer.error("missing operand before \(lexer.describe(current))", at: current)
        }
    }

    private func commaOutsideCall() -> SyntaxError {
        lexer.error("',' is only allowed between the arguments of a call", at: current)
    }

    private func wrongArgumentCount(_ function: Function, _ count: Int, at name: Token) -> SyntaxError {
        lexer.error("\(function.rawValue)() takes exactly one argument (\(count) given)", at: name)
    }

    /// Applies the pending operators above the innermost open parenthesis, innermost first,
    /// while their precedence is at least `minimum`.
    private mutating func reduce(downTo minimum: Int = 0) {
        let floor = parens.count > 0 ? parens[parens.count - 1].depth : 0
        while operators.count > floor {
            guard operators.top.precedence >= minimum else { return }
            switch operators.pop() {
            case .binary(let op, let left, let location):
                emit(.binary(op, left, lastNode), at: location)
            case .negate(let location):
                emit(.negate(lastNode), at: location)
            }
        }
    }

    private mutating func emit(_ node: Node, at location: SourceLocation) {
        program.nodes.append(node)
        program.locations.append(location)
        lastNode += 1
    }

    /// Moves to the next token.
    private mutating func advance() throws(SyntaxError) {
        previous = current
        current = try lexer.next()
    }
}

/// An operator on the stack, waiting for its right operand, with its location.
private enum PendingOperator {
    /// A binary operator and the index of its left operand.
    case binary(BinaryOperator, left: Int, SourceLocation)
    /// Unary minus.
    case negate(SourceLocation)

    /// Python's binding strength: `+ -` < `* /` < unary minus < `**`.
    var precedence: Int {
        switch self {
        case .binary(let op, _, _): op.precedence
        case .negate: 3
        }
    }
}

private extension BinaryOperator {
    /// Python's binding strength (unary minus is 3, between `* /` and `**`).
    var precedence: Int {
        switch self {
        case .add, .subtract: 1
        case .multiply, .divide: 2
        case .power: 4
        }
    }
}

/// A stack of pending operators. Popping only lowers `count` and leaves the storage for
/// later pushes: `Array.removeLast` is slow in debug builds, and they parse big programs too.
private struct OperatorStack {
    private var storage: [PendingOperator] = []
    private(set) var count = 0

    /// The innermost operator; the stack must not be empty.
    var top: PendingOperator { storage[count - 1] }

    mutating func push(_ op: PendingOperator) {
        if count < storage.count {
            storage[count] = op
        } else {
            storage.append(op)
        }
        count += 1
    }

    mutating func pop() -> PendingOperator {
        count -= 1
        return storage[count]
    }
}

/// An open parenthesis: a group, or a call's argument list.
private struct OpenParen {
    /// The `(` itself.
    let token: Token
    /// For a call, the function and its name token.
    let call: (function: Function, name: Token)?
    /// How many commas separate its arguments so far.
    var commas: Int
    /// How many operators were pending when it opened; those are outside it.
    let depth: Int
}
