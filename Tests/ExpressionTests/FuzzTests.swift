import Foundation
import Testing
import Expression
import GraphRender
import Micrograd

/// Seeded fuzzing of the whole in-process pipeline: program text → `Program(parsing:)` → `build` →
/// `Snapshot` → `DOTWriter.dot` → libgvc, and random labels → DOT → SVG.
///
/// `make test` runs a few hundred cases; `make fuzz` sets `MICROGRAD_VIZ_FUZZ_CASES=100000`.
/// Case k uses seed `MICROGRAD_VIZ_FUZZ_SEED + k` (default base 1337); a failure prints its seed
/// and input, and `MICROGRAD_VIZ_FUZZ_SEED=<seed> MICROGRAD_VIZ_FUZZ_CASES=1` replays it first.
@Suite("Fuzz: random programs and labels through parser, builder, DOT and Graphviz")
struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let cases = Int(environment["MICROGRAD_VIZ_FUZZ_CASES"] ?? "") ?? 300
    static let labelCases = environment["MICROGRAD_VIZ_FUZZ_CASES"] == nil ? 100 : max(1, cases / 5)
    static let baseSeed = UInt64(environment["MICROGRAD_VIZ_FUZZ_SEED"] ?? "") ?? 1337
    /// Every this-many program cases is also laid out and rendered to SVG (layout is the slow part).
    static let renderEvery = 10

    /// Runs `count` cases, `check(seed, k)` each, over several tasks; returns the problems found
    /// (at most 20) and how many cases ran.
    static func run(_ count: Int, _ check: @escaping @Sendable (UInt64, Int) -> String?) async -> [String] {
        let tasks = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount * 2))
        return await withTaskGroup(of: [String].self) { group in
            for t in 0..<tasks {
                group.addTask {
                    var problems: [String] = []
                    for k in stride(from: t, to: count, by: tasks) where problems.count < 20 {
                        if let problem = check(baseSeed &+ UInt64(k), k) { problems.append(problem) }
                    }
                    return problems
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    // MARK: - Programs

    @Test("valid and corrupted programs: no crash, errors inside the source, DOT that libgvc parses")
    func programs() async {
        let start = ContinuousClock.now
        let counts = Counts()
        let problems = await Self.run(Self.cases) { seed, k in
            var generator = ProgramGenerator(seed: seed)
            let valid = k % 3 == 0
            let source = valid ? generator.validProgram() : generator.corruptedProgram()
            let problem = Self.check(source, mustBuild: valid, render: k % Self.renderEvery == 0, seed: seed, counts: counts)
            return problem.map { "seed \(seed) (\(valid ? "valid" : "corrupted")): \($0)\n  program: \(source.debugDescription)" }
        }
        let elapsed = ContinuousClock.now - start
        print("fuzz programs: \(Self.cases) cases from seed \(Self.baseSeed) in \(elapsed): \(counts.summary)")
        #expect(problems.isEmpty, "\(problems.count) problems; first: \(problems.first ?? "")")
        for problem in problems.prefix(5) { Issue.record(Comment(rawValue: problem)) }
        if Self.cases >= 30 { #expect(counts.built > 0 && counts.syntaxErrors > 0, "both outcomes occur: \(counts.summary)") }
    }

    /// Checks one program; nil when it behaves.
    static func check(_ source: String, mustBuild: Bool, render: Bool, seed: UInt64, counts: Counts) -> String? {
        let parsed = Result { () throws(SyntaxError) in try Program(parsing: source) }
        let program: Program
        switch parsed {
        case .failure(let error):
            counts.add(syntaxError: true)
            if mustBuild { return "a valid program does not parse: \(error)" }
            if let problem = misplaced(line: error.line, column: error.column, in: source) { return "\(error): \(problem)" }
            if error.description != "line \(error.line), column \(error.column): \(error.message)" { return "description: \(error)" }
            if let problem = notOneLine(error.description) { return "\(error.description.debugDescription): \(problem)" }
            return nil
        case .success(let p):
            program = p
        }
        var random = PythonRandom(seed: Int(truncatingIfNeeded: seed))
        let built: BuiltProgram
        switch Result(catching: { () throws(BuildError) in try program.build(random: &random) }) {
        case .success(let b):
            built = b
        case .failure(let error):
            counts.add(buildError: true)
            if mustBuild { return "a valid program does not build: \(error)" }
            if let location = error.location, let problem = misplaced(line: location.line, column: location.column, in: source) {
                return "\(error): \(problem)"
            }
            if let problem = notOneLine(error.description) { return "\(error.description.debugDescription): \(problem)" }
            return nil
        }
        counts.add(built: true)
        return withExtendedLifetime(built.graph) { () -> String? in
            let before = Snapshot(of: built.root)
            built.root.backward()
            let after = Snapshot(of: built.root)
            let options = DOTOptions(rankdir: seed % 2 == 0 ? .LR : .TB, precision: Int(seed % 18))
            let dot = seed % 3 == 0 ? DOTWriter.dot(before: before, after: after, options: options) : DOTWriter.dot(after, options: options)
            do {
                try Graphviz.validate(dot: dot)
            } catch {
                return "the DOT does not parse: \(error)\n  DOT: \(dot.debugDescription)"
            }
            guard render else { return nil }
            do {
                let svg = try Graphviz.render(dot: dot, format: "svg").bytes
                if let name = fallbackNodeName(svg) { return "a record label fell back to the node name \(name)\n  DOT: \(dot.debugDescription)" }
            } catch {
                return "the DOT does not render: \(error)\n  DOT: \(dot.debugDescription)"
            }
            return nil
        }
    }

    /// Why (line, column) is not a place in `source`, or nil if it is: lines are counted by
    /// newlines, columns by characters (Unicode scalars) up to one past the end of the line;
    /// before the column, non-ASCII can only be in a comment, which ends the line.
    static func misplaced(line: Int, column: Int, in source: String) -> String? {
        let lines = Array(source.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        guard (1...lines.count).contains(line) else { return "line \(line) is not in 1...\(lines.count)" }
        let text = Array(String(decoding: lines[line - 1], as: UTF8.self).unicodeScalars)
        guard (1...text.count + 1).contains(column) else { return "column \(column) is not in 1...\(text.count + 1) of line \(line)" }
        let before = text.prefix(column - 1)
        if let comment = before.firstIndex(of: "#") {
            if column <= text.count { return "column \(column) is inside the comment that starts at \(comment + 1)" }
        } else if !before.allSatisfy(\.isASCII) {
            return "non-ASCII outside a comment before column \(column)"
        }
        return nil
    }

    /// Why `text` would not print as one clean line, or nil: no line breaks, controls or bidi overrides.
    static func notOneLine(_ text: String) -> String? {
        let bad = text.unicodeScalars.first {
            switch $0.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }
        return bad.map { "contains U+\(String($0.value, radix: 16, uppercase: true))" }
    }

    /// The name of a node whose SVG text is its bare name (`n3`, `n3op`, `fn3`): what Graphviz
    /// draws when it cannot parse a record label.
    static func fallbackNodeName(_ svg: [UInt8]) -> String? {
        let text = String(decoding: svg, as: UTF8.self)
        guard let regex = try? Regex(#">([fb]?n[0-9]+(op)?)</text>"#), let match = text.firstMatch(of: regex) else { return nil }
        return String(text[match.range])
    }

    @Test("the checks catch what they look for")
    func checksCanFail() {
        #expect(Self.misplaced(line: 2, column: 1, in: "a") != nil)
        #expect(Self.misplaced(line: 1, column: 3, in: "a") != nil)
        #expect(Self.misplaced(line: 1, column: 3, in: "é*") != nil)
        #expect(Self.misplaced(line: 1, column: 4, in: "a#é") == nil && Self.misplaced(line: 1, column: 3, in: "a#é") != nil)
        #expect(Self.misplaced(line: 2, column: 2, in: "x\n\u{7}") == nil)
        #expect(Self.notOneLine("a\u{202E}b") != nil && Self.notOneLine("a\nb") != nil && Self.notOneLine("a 日本 é") == nil)
        #expect(Self.fallbackNodeName(Array("<text x=\"1\">n12</text>".utf8)) != nil)
        #expect(Self.fallbackNodeName(Array("<text>data n12</text>".utf8)) == nil)
        #expect(Self.plainRuns("a{b c\\N-d\u{301}&e") == ["a{b", "c\\N", "d", "e"])
        #expect(Self.contains(Array("x\\Ny".utf8), Array("\\N".utf8)) && !Self.contains(Array("xn0y".utf8), Array("\\N".utf8)))
        // A record label that does not parse really falls back to the node's name.
        let bad = try? Graphviz.render(dot: #"digraph { n0 [shape=record label="{ a | b"] }"#, format: "svg")
        #expect(bad == nil || Self.fallbackNodeName(bad!.bytes) != nil)
    }

    @Test("generated programs are reproducible from their seed")
    func reproducible() {
        var g1 = ProgramGenerator(seed: 42), g2 = ProgramGenerator(seed: 42)
        #expect(g1.validProgram() == g2.validProgram() && g1.corruptedProgram() == g2.corruptedProgram() && g1.label() == g2.label())
    }

    // MARK: - Labels

    @Test("random labels with every special character render as themselves, never as the node name")
    func labels() async {
        let start = ContinuousClock.now
        let problems = await Self.run(Self.labelCases) { seed, k in
            var generator = ProgramGenerator(seed: seed)
            let labels = (0..<4).map { "mk\(k)x\($0)_" + generator.label() }
            let problem = Self.checkLabels(labels, seed: seed)
            return problem.map { "seed \(seed): \($0)\n  labels: \(labels.map(\.debugDescription))" }
        }
        print("fuzz labels: \(Self.labelCases) cases from seed \(Self.baseSeed) in \(ContinuousClock.now - start)")
        #expect(problems.isEmpty, "\(problems.count) problems; first: \(problems.first ?? "")")
        for problem in problems.prefix(5) { Issue.record(Comment(rawValue: problem)) }
    }

    /// Builds `tanh(a*b + c)` with the four labels (a, b, c, the result), renders it to SVG and checks
    /// that every label shows: its marker and every run of plain characters in it appear in the SVG
    /// text, no node shows its bare name, and the JSON gives the labels back exactly.
    static func checkLabels(_ labels: [String], seed: UInt64) -> String? {
        let graph = Graph()
        return withExtendedLifetime(graph) { () -> String? in
            let a = graph.leaf(0.5, label: labels[0]), b = graph.leaf(-1.25, label: labels[1]), c = graph.leaf(2, label: labels[2])
            let root = (a * b + c).tanh()
            root.label = labels[3]
            root.backward()
            let snapshot = Snapshot(of: root)
            let dot = DOTWriter.dot(snapshot, options: DOTOptions(rankdir: seed % 2 == 0 ? .LR : .TB))
            let svg: [UInt8]
            do { svg = try Graphviz.render(dot: dot, format: "svg").bytes } catch { return "render failed: \(error)\n  DOT: \(dot.debugDescription)" }
            if let name = fallbackNodeName(svg) { return "fell back to the node name: \(name)" }
            for label in labels {
                for run in plainRuns(label) where !contains(svg, Array(run.utf8)) {
                    return "the SVG does not show \(run.debugDescription) of \(label.debugDescription)"
                }
            }
            // JSONDecoder, not JSONSerialization: corelibs' JSONSerialization drops a U+FEFF that
            // follows an escape or opens a string ("a\\\u{FEFF}b" comes back as "a\\b").
            struct Labels: Decodable { struct Node: Decodable { let label: String }; let nodes: [Node] }
            let json = JSONWriter.json(snapshot)
            guard let decoded = try? JSONDecoder().decode(Labels.self, from: Data(json.utf8)) else {
                return "the JSON does not parse: \(json.debugDescription)"
            }
            let shown = Set(decoded.nodes.map(\.label))
            if let missing = labels.first(where: { !shown.contains($0) }) { return "the JSON loses the label \(missing.debugDescription)" }
            return nil
        }
    }

    /// The maximal runs of characters that Graphviz draws as they are in SVG text (ASCII letters,
    /// digits and punctuation other than XML's `& < > " '` and `-`, which Graphviz writes as `&#45;`), including the record grammar's `{ } |`
    /// and backslashes, which must be drawn, not interpreted.
    static func plainRuns(_ label: String) -> [String] {
        let plain: (Unicode.Scalar) -> Bool = { s in
            s.isASCII && s.value > 0x20 && s.value < 0x7F && !"&<>\"'-".unicodeScalars.contains(s)
        }
        var runs: [String] = [], current = ""
        for scalar in label.unicodeScalars {
            if plain(scalar) { current.unicodeScalars.append(scalar) } else if !current.isEmpty { runs.append(current); current = "" }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first && haystack[i..<i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}

/// Outcome counts, shared by the fuzzing tasks.
final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var built = 0, syntaxErrors = 0, buildErrors = 0

    func add(built b: Bool = false, syntaxError s: Bool = false, buildError e: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        if b { built += 1 }
        if s { syntaxErrors += 1 }
        if e { buildErrors += 1 }
    }

    var summary: String { "\(built) built, \(syntaxErrors) syntax errors, \(buildErrors) build errors" }
}
