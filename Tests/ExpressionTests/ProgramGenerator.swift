/// A small seeded random source (SplitMix64): the same seed gives the same cases on every machine.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (n > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Random programs in the expression language: valid ones (every name assigned once, before use;
/// `**` with a plain-number exponent), and corrupted copies of them.
struct ProgramGenerator {
    var random: SplitMix

    init(seed: UInt64) { random = SplitMix(seed: seed) }

    static let inputs = ["a", "b", "c", "x1", "w_2", "_t"]
    static let functions = ["exp", "tanh", "relu", "log"]

    /// Characters a corruption inserts: the record grammar's and the shell's specials, separators,
    /// blanks and controls, and non-ASCII (accents, CJK, emoji, combining marks, RTL, BOM, NEL).
    static let noise: [String] = [
        "{", "}", "|", "<", ">", "\"", "\\", "&", ";", "\n", "\r", "\t", " ", "#", "(", ")", "*", "**", "=", ",", ".",
        "+", "-", "/", "//", "%", "^", "!", "~", "@", "$", "'", "`", "[", "]", "0", "1e", "1e999", "9", ".5", "e", "_", "x",
        "tanh", "\u{0}", "\u{1}", "\u{7F}", "é", "日本", "😀", "\u{301}", "\u{202E}", "\u{2028}", "\u{FEFF}", "\u{85}", "ا",
    ]

    /// A valid program of up to `maxStatements` statements.
    mutating func validProgram(maxStatements: Int = 6) -> String {
        var assigned: [String] = []
        var lines: [String] = []
        let count = 1 + random.below(maxStatements)
        for k in 0..<count {
            var line = ""
            if random.chance(0.6) {
                let name = "t\(k)"
                line = name + pick([" = ", "=", " =  "])
                line += expression(depth: 0, names: Self.inputs + assigned)
                assigned.append(name)
            } else {
                line = expression(depth: 0, names: Self.inputs + assigned)
            }
            lines.append(line)
        }
        let separator = pick(["\n", "; ", ";", "\n\n", "\r\n"])
        if separator.contains("\n") {  // a comment ends at the end of its line, so not before a ";"
            for k in lines.indices where random.chance(0.15) { lines[k] += "  # " + pick(["note", "é 日本 😀", "a*b)(", "{|}<>\"\\&"]) }
        }
        let heading = random.chance(0.2) ? pick(["# a comment", "", "   ", "# \u{202E}rtl"]) + "\n" : ""
        return heading + lines.joined(separator: separator) + (random.chance(0.5) ? "\n" : "")
    }

    /// A valid program with one to three random edits: deletions, insertions from `noise`,
    /// duplications and swaps of pieces.
    mutating func corruptedProgram() -> String {
        var scalars = Array(validProgram().unicodeScalars)
        for _ in 0..<(1 + random.below(3)) {
            let at = random.below(scalars.count + 1)
            switch random.below(4) {
            case 0 where !scalars.isEmpty:
                scalars.removeSubrange(min(at, scalars.count - 1)..<min(scalars.count, at + 1 + random.below(3)))
            case 1 where !scalars.isEmpty:
                let from = random.below(scalars.count)
                let piece = scalars[from..<min(scalars.count, from + 1 + random.below(6))]
                scalars.insert(contentsOf: piece, at: at)
            case 2 where scalars.count > 1:
                let other = random.below(scalars.count)
                scalars.swapAt(min(at, scalars.count - 1), other)
            default:
                scalars.insert(contentsOf: pick(Self.noise).unicodeScalars, at: at)
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    private mutating func pick(_ items: [String]) -> String { random.pick(items) }

    private mutating func number() -> String {
        switch random.below(6) {
        case 0: return String(random.below(10))
        case 1: return "\(random.below(100)).\(random.below(1000))"
        case 2: return "\(1 + random.below(9))e-\(random.below(4))"
        case 3: return "\(random.below(10))E+\(random.below(3))"
        case 4: return ".\(random.below(100))"
        default: return "\(random.below(5)).5"
        }
    }

    /// An expression over `names`, at most about four levels deep.
    private mutating func expression(depth: Int, names: [String]) -> String {
        let leaf = depth >= 4 || random.chance(0.3)
        if leaf { return random.chance(0.7) ? random.pick(names) : number() }
        switch random.below(9) {
        case 0, 1, 2:
            let op = pick([" + ", " - ", " * ", " / ", "+", "-", "*", "/"])
            return expression(depth: depth + 1, names: names) + op + expression(depth: depth + 1, names: names)
        case 3:
            let exponent = pick(["2", "3", "-1", "0.5", "(-2)", "-0.5", "2**2", "(1+1)"])
            return atom(depth: depth, names: names) + pick(["**", " ** "]) + exponent
        case 4:
            return pick(["-", "+", "- ", "--"]) + atom(depth: depth, names: names)
        case 5:
            return "(" + expression(depth: depth + 1, names: names) + ")"
        case 6:
            return random.pick(Self.functions) + "(" + expression(depth: depth + 1, names: names) + ")"
        case 7:
            return atom(depth: depth, names: names) + "." + random.pick(Self.functions) + "()"
        default:
            return number() + pick([" * ", " + "]) + expression(depth: depth + 1, names: names)
        }
    }

    /// An operand that binds tighter than any operator: a name, a number or a parenthesized expression.
    private mutating func atom(depth: Int, names: [String]) -> String {
        switch random.below(3) {
        case 0: return random.pick(names)
        case 1: return "(" + expression(depth: depth + 1, names: names) + ")"
        default: return random.pick(Self.functions) + "(" + expression(depth: depth + 1, names: names) + ")"
        }
    }

    /// Characters for labels: everything the record grammar, DOT strings, SVG and HTML treat
    /// specially, escapes Graphviz substitutes (`\N` is the node's name), blanks and controls,
    /// and non-ASCII (accents, CJK, emoji, combining marks, RTL text and overrides).
    static let labelPieces: [String] = [
        "{", "}", "|", "<", ">", "\\", "\"", "&", " ", "  ", "\n", "\t", "\r", "\\n", "\\l", "\\r", "\\N", "\\G", "\\E",
        "\\T", "\\H", "\\L", "\\\\", "\\\"", "\\{", "&amp;", "&lt;", "&#9;", "&#x41;", "<b>", "</text>", "]]>", "<!--", "%s",
        "%n", "$x", "'", ";", "#", "a", "Z", "0", "é", "e\u{301}", "日本", "😀", "👩‍👩‍👧", "\u{202E}", "\u{200F}", "עברית",
        "عربي", "\u{FEFF}", "\u{85}", "\u{2028}", "\u{0}", "\u{7F}", "\u{1B}[31m", "\u{FFFD}",
    ]

    /// A label of up to `maxPieces` random pieces.
    mutating func label(maxPieces: Int = 8) -> String {
        (0..<random.below(maxPieces + 1)).map { _ in random.pick(Self.labelPieces) }.joined()
    }
}
