import ArgumentParser
import Expression
import Micrograd

/// A program in the expression language and its inputs: what `expr` and `gradcheck` take.
struct ProgramArguments: ParsableArguments {
    // `.allUnrecognized` keeps ArgumentParser from reading a program that starts with a minus
    // sign (`-tanh(x)`, `-a*b`) as a cluster of short options: what is not one of the
    // command's options comes here, the program first, then the inputs.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The program (or - to read it from stdin), then input values, e.g. a=2 b=-3.",
                                 valueName: "program> <name=value"))
    var words: [String] = []

    @Option(parsing: .unconditional, help: "Seed for inputs that are not given (Python's random.seed).")
    var seed = 1337

    /// The words without the first `--`, which only says that options end there.
    private var operands: [String] {
        guard let end = words.firstIndex(of: "--") else { return words }
        return Array(words[..<end] + words[(end + 1)...])
    }

    /// The program's text, or `-` for stdin.
    var program: String { operands[0] }
    /// The `NAME=VALUE` arguments.
    var inputs: ArraySlice<String> { operands.dropFirst() }
    @OptionGroup(title: "Limits") var input: InputOptions

    func validate() throws {
        let end = words.firstIndex(of: "--") ?? words.endIndex
        if let option = words[..<end].first(where: { $0.hasPrefix("--") }) {
            throw ValidationError("unknown option '\(option)'")
        }
        guard !operands.isEmpty else { throw ValidationError("missing the program, e.g. \"(a*b+c)*f\"") }
        _ = try InputAssignments.parse(inputs)
    }

    /// Reads, parses and builds the program; notes on stderr which inputs were drawn at random.
    func build() throws -> BuiltProgram {
        let source = program == "-" ? try input.standardInput(what: "program") : program
        let parsed: Program
        do { parsed = try Program(parsing: source) } catch { throw ToolError.badInput("\(error)") }
        var random = PythonRandom(seed: seed)
        let built: BuiltProgram
        do {
            built = try parsed.build(inputs: InputAssignments.parse(inputs), random: &random)
        } catch { throw ToolError.badInput("\(error)") }
        let drawn = built.inputs.filter { $0.source == .random }
        if !drawn.isEmpty {
            let list = drawn.map { "\($0.name)=\($0.value.data)" }.joined(separator: " ")
            Output.note("inputs drawn from uniform(-1, 1) with seed \(seed): \(list)")
        }
        return built
    }
}

/// Parses `NAME=VALUE` arguments.
enum InputAssignments {
    static func parse(_ arguments: ArraySlice<String>) throws -> [String: Double] {
        var values: [String: Double] = [:]
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, isName(parts[0]) else {
                throw ValidationError("'\(argument)' is not NAME=VALUE (e.g. a=2)")
            }
            let name = String(parts[0])
            guard let value = Double(parts[1].trimmed()), value.isFinite else {
                throw ValidationError("'\(argument)': '\(parts[1])' is not a finite number")
            }
            guard values.updateValue(value, forKey: name) == nil else {
                throw ValidationError("input '\(name)' is given twice")
            }
        }
        return values
    }

    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
