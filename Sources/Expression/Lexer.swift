/// What a token is. (Identifiers carry no name, so that tokens are plain values and cheap
/// to copy; `Lexer.text(of:)` reads it.)
enum TokenKind: Equatable {
    case number(Double)
    case identifier
    /// `+ - * / **`; `+` and `-` are also the unary operators.
    case binary(BinaryOperator)
    case leftParen, rightParen, comma, dot, equals
    /// `;` or a newline: the end of a statement.
    case separator
    /// The end of the source (returned again on every later call).
    case end
}

/// One token, where it starts, and the bytes it spans (`start..<end`).
struct Token {
    let kind: TokenKind
    let location: SourceLocation
    let start: Int
    let end: Int
}

/// Splits source text into tokens, scanning its UTF-8 bytes once.
///
/// Spaces, tabs, carriage returns and `#` comments (to the end of the line) are skipped;
/// anything non-ASCII outside a comment is an error.
///
/// Programs can be megabytes, so this is written to be fast in debug builds too: bytes are
/// compared with integer literals (which debug builds fold, unlike `UInt8(ascii:)` or global
/// constants), and the scan itself does not throw: when it finds no token, `rejection`
/// works out what is wrong.
struct Lexer {
    /// The source text as UTF-8; it must outlive the lexer. (A buffer pointer rather than
    /// an array: debug builds would otherwise retain and release the array on every byte.)
    let source: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    /// Where the last comment started (its `#`), or -1.
    private var commentStart = -1

    init(_ source: UnsafeBufferPointer<UInt8>) {
        self.source = source
    }

    /// Scans and returns the next token.
    mutating func next() throws(SyntaxError) -> Token {
        skipBlanksAndComments()
        let start = offset
        var column = start - lineStart + 1
        if commentStart >= lineStart {
            // The end of a line with a comment, which may hold non-ASCII: count characters, not bytes.
            column = commentStart - lineStart + 1
            for index in commentStart..<start where source[index] & 0xC0 != 0x80 { column += 1 }
        }
        let location = SourceLocation(line: line, column: column)
        guard let kind = scanToken() else { throw rejection(from: start, at: location) }
        return Token(kind: kind, location: location, start: start, end: offset)
    }

    /// The first byte of the token that `next()` will return (0 at the end), to look one
    /// token ahead without scanning it.
    var nextByte: UInt8 {
        var index = offset
        while index < source.count, isBlank(source[index]) { index += 1 }
        return index < source.count ? source[index] : 0
    }

    /// The source text of `token`.
    func text(of token: Token) -> String {
        text(from: token.start, to: token.end)
    }

    /// An error at `token`.
    func error(_ message: String, at token: Token) -> SyntaxError {
        SyntaxError(message, at: token.location)
    }

    /// How a message names `token`: its text in quotes, or what kind of end it is.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: "end of input"
        case .separator where source[token.start] == 0x0A: "end of line"
        default: quote(from: token.start, to: token.end)
        }
    }

    /// The source text from byte `start` to `end`, without trailing blanks, shortened if
    /// long, in quotes.
    func quote(from start: Int, to end: Int) -> String {
        var end = end
        while end > start, isBlank(source[end - 1]) { end -= 1 }
        let limit = 40
        var shown = ""  // tabs and carriage returns as spaces, to keep the message on one line
        shown.unicodeScalars.append(contentsOf: text(from: start, to: min(end, start + limit)).unicodeScalars.map {
            $0 == "\t" || $0 == "\r" ? " " : $0
        })
        return "'" + shown + (end - start > limit ? "...'" : "'")
    }

    private mutating func skipBlanksAndComments() {
        while offset < source.count {
            switch source[offset] {
            case 0x20, 0x09, 0x0D:  // space, tab, carriage return
                offset += 1
            case 0x23:  // "#"
                commentStart = offset
                while offset < source.count, source[offset] != 0x0A { offset += 1 }
            default:
                return
            }
        }
    }

    /// Scans the token at `offset`, or returns `nil` if the bytes there form none.
    private mutating func scanToken() -> TokenKind? {
        guard offset < source.count else { return .end }
        let start = offset
        let byte = source[start]
        offset += 1
        switch byte {
        case 0x0A:  // newline
            line += 1
            lineStart = offset
            return .separator
        case 0x3B: return .separator  // ";"
        case 0x28: return .leftParen  // "("
        case 0x29: return .rightParen  // ")"
        case 0x2C: return .comma  // ","
        case 0x3D: return follows(0x3D) ? nil : .equals  // "=", but not "=="
        case 0x2B: return .binary(.add)  // "+"
        case 0x2D: return .binary(.subtract)  // "-"
        case 0x2A: return follows(0x2A) ? .binary(.power) : .binary(.multiply)  // "**" or "*"
        case 0x2F: return follows(0x2F) ? nil : .binary(.divide)  // "/", but not "//"
        case 0x2E where offset == source.count || !isDigit(source[offset]): return .dot  // "." not before a digit
        case 0x2E: return scanNumber(from: start)
        case _ where isDigit(byte): return scanNumber(from: start)
        case _ where isIdentifierByte(byte):
            skipIdentifierBytes()
            return .identifier
        default:
            return nil
        }
    }

    /// Scans `digits [. digits] [(e|E) [+|-] digits]` (at least one mantissa digit) from `start`;
    /// `nil` if letters, digits, `_` or `.` follow it, or if it is too large for a `Double`.
    private mutating func scanNumber(from start: Int) -> TokenKind? {
        offset = start
        skipDigits()
        if follows(0x2E) {  // "."
            skipDigits()
        }
        var valid = true
        if follows(0x65) || follows(0x45) {  // "e" or "E"
            _ = follows(0x2B) || follows(0x2D)  // "+" or "-"
            valid = offset < source.count && isDigit(source[offset])
            skipDigits()
        }
        while offset < source.count, isIdentifierByte(source[offset]) || source[offset] == 0x2E {
            valid = false
            offset += 1
        }
        guard valid, let value = shortDecimal(from: start, to: offset) ?? Double(text(from: start, to: offset)),
              value.isFinite else { return nil }
        return .number(value)
    }

    /// The value of the valid number from `start` to `end` if it is at most 15 characters of
    /// digits and ".": then its digits and the power of ten to divide by are exact doubles, so
    /// one (correctly rounded) division gives the correctly rounded value, as `Double(String)`
    /// would, but several times faster in debug builds. (Clinger's fast path.)
    private func shortDecimal(from start: Int, to end: Int) -> Double? {
        guard end - start <= 15 else { return nil }
        var digits = 0
        var scale = 1.0
        var index = start
        var inFraction = false
        while index < end {
            let byte = source[index]
            index += 1
            if byte == 0x2E {  // "."
                inFraction = true
                continue
            }
            guard byte &- 0x30 < 10 else { return nil }  // an exponent
            digits = digits * 10 + Int(byte &- 0x30)
            if inFraction { scale *= 10 }
        }
        return Double(digits) / scale
    }

    private mutating func skipDigits() {
        while offset < source.count, source[offset] &- 0x30 < 10 { offset += 1 }
    }

    /// Skips letters, digits and underscores. (The test is written out, not a call to
    /// `isIdentifierByte`: this loop runs for most bytes of a program.)
    private mutating func skipIdentifierBytes() {
        while offset < source.count {
            let byte = source[offset]
            guard (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F else { return }
            offset += 1
        }
    }

    /// Consumes the next byte if it is `byte`.
    private mutating func follows(_ byte: UInt8) -> Bool {
        guard offset < source.count, source[offset] == byte else { return false }
        offset += 1
        return true
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D  // space, tab, carriage return
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10  // "0"..."9"
    }

    /// Whether `byte` can be part of an identifier (it starts one unless it is a digit).
    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F  // letters (case folded), digits, "_"
    }

    private func text(from start: Int, to end: Int) -> String {
        // Not `source[start..<end]`: building a slice costs more than decoding, in debug builds.
        guard let base = source.baseAddress, end > start else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }

    /// The error for the bytes from `start` to `offset`, in which `scanToken` found no token.
    private func rejection(from start: Int, at location: SourceLocation) -> SyntaxError {
        let text = text(from: start, to: offset)
        let byte = source[start]
        let message: String
        if byte == 0x2F || byte == 0x3D {  // "//" or "=="
            message = "unknown operator '\(text)'"
        } else if byte == 0x2E || isDigit(byte) {
            let shown = quote(from: start, to: offset)  // shortened: a number can be thousands of digits
            message = Double(text)?.isInfinite == true ? "number \(shown) is too large" : "invalid number \(shown)"
        } else if byte >= 0x80 {
            let scalar = String(decoding: source[start..<min(start + 4, source.count)], as: UTF8.self).unicodeScalars.first!
            // Shown only if it is visible on its own: not a control, format (bidi overrides, BOM),
            // separator or combining mark, which would garble or break the message's one line.
            let shown = switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .nonspacingMark,
                 .spacingMark, .enclosingMark, .privateUse, .surrogate, .unassigned: ""
            default: "'\(scalar)' "
            }
            message = "non-ASCII character \(shown)(\(Self.codePoint(scalar.value))) is only allowed in comments"
        } else if byte < 0x20 || byte == 0x7F {
            message = "unexpected control character \(Self.codePoint(UInt32(byte)))"
        } else if "%^&|~<>!@".utf8.contains(byte) {
            message = "unknown operator '\(text)'" + (byte == 0x5E ? " (use ** for powers)" : "")  // "^"
        } else {
            message = "unexpected character '\(text)'"
        }
        return SyntaxError(message, at: location)
    }

    /// `U+XXXX` for a code point.
    private static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
