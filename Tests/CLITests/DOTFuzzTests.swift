import Foundation
import Testing

/// Mutated DOT files through `micrograd-viz render`, as a user would run it: every case ends with
/// status 0 and a valid file, or a documented status and exactly one line on stderr, within the
/// budget.
///
/// `make test` runs 200 cases; `make fuzz` sets `MICROGRAD_VIZ_DOT_FUZZ_CASES=10000`. Case k uses
/// seed `MICROGRAD_VIZ_FUZZ_SEED + k` (default base 1337); a failure prints its seed and DOT, and
/// `MICROGRAD_VIZ_FUZZ_SEED=<seed> MICROGRAD_VIZ_DOT_FUZZ_CASES=1` replays it first.
@Suite("Fuzz: mutated DOT attributes through render")
struct DOTFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let cases = Int(environment["MICROGRAD_VIZ_DOT_FUZZ_CASES"] ?? "") ?? 200
    static let baseSeed = UInt64(environment["MICROGRAD_VIZ_FUZZ_SEED"] ?? "") ?? 1337
    /// The budget each run gets: a case past it must end with the timeout's line.
    static let timeout = "3"

    /// Attributes that drive work, memory, files or scripts, with the values a mutation picks from.
    static let attributes: [(name: String, values: [String])] = [
        ("peripheries", ["0", "2", "20", "21", "1000000000", "-1"]),
        ("sides", ["3", "100", "101", "2000000000", "abc"]),
        ("size", ["\"7,7\"", "\"0.01,0.01\"", "\"1e6,1e6!\"", "\"7,7!\"", "\"nan,nan\""]),
        ("ratio", ["compress", "fill", "0.001", "1000", "auto"]),
        ("dpi", ["72", "2400", "\"2401\"", "\"1e9\"", "\"-5\"", "\"nan\""]),
        ("width", ["0", "0.001", "1000", "\"1e5\"", "\"-3\""]),
        ("height", ["0", "1000", "\"1e9\"", "\"inf\""]),
        ("mclimit", ["0", "1", "100", "\"1e9\""]),
        ("nslimit", ["0.1", "100", "\"1e12\""]),
        ("nslimit1", ["0", "\"1e12\""]),
        ("searchsize", ["30", "\"1e9\""]),
        ("fontsize", ["1", "14", "10000", "\"1e7\"", "-5"]),
        ("label", ["\"x\"", "\"\\n\\n\\l\"", "\"{a|b\"", "<<b>x</b>>", "<<b>x</i>>", "\"\u{1B}[2J\""]),
        ("shape", ["box", "record", "polygon", "epsf", "nosuchshape", "none"]),
        ("style", ["filled", "\"filled(bad\"", "invis", "rounded"]),
        ("image", ["\"/etc/passwd\"", "\"x.png\""]),
        ("URL", ["\"https://example.org\"", "\"javascript:x\"", "\"JavaScript&#58;x\""]),
        ("fontname", ["\"No Such Font\"", "Helvetica"]),
        ("rankdir", ["LR", "XX"]),
        ("splines", ["ortho", "false", "curved"]),
    ]

    static let engines = ["dot", "dot", "dot", "neato", "fdp", "circo", "twopi"]
    static let formats = ["svg", "svg", "png", "pdf", "dot"]

    /// One case: a small graph with a few mutated attributes, an engine and a format.
    static func generate(seed: UInt64) -> (dot: String, engine: String, format: String) {
        var random = SeededRandom(seed: seed)
        let nodes = 1 + Int.random(in: 0..<12, using: &random)
        var lines = ["digraph {"]
        for _ in 0..<Int.random(in: 0..<3, using: &random) {
            let (name, values) = attributes.randomElement(using: &random)!
            lines.append("  \(name)=\(values.randomElement(using: &random)!);")
        }
        for n in 0..<nodes {
            let attributes = (0..<Int.random(in: 0..<3, using: &random)).map { _ in
                let (name, values) = Self.attributes.randomElement(using: &random)!
                return "\(name)=\(values.randomElement(using: &random)!)"
            }
            lines.append("  n\(n)" + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: " "))]") + ";")
            if n > 0 { lines.append("  n\(Int.random(in: 0..<n, using: &random)) -> n\(n);") }
        }
        lines.append("}")
        var dot = lines.joined(separator: "\n")
        if Double.random(in: 0..<1, using: &random) < 0.1 {  // a byte-level corruption now and then: a deleted, doubled or swapped character
            var characters = Array(dot)
            let k = Int.random(in: 0..<characters.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: characters.remove(at: k)
            case 1: characters.insert(characters[k], at: k)
            default: characters.swapAt(k, Int.random(in: 0..<characters.count, using: &random))
            }
            dot = String(characters)
        }
        return (dot, engines.randomElement(using: &random)!, formats.randomElement(using: &random)!)
    }

    /// The statuses `render` documents for a graph it does not draw.
    static let documented: Set<Int32> = [65, 70]

    /// The exit status of the case, and nil when it behaves, else what went wrong.
    static func check(seed: UInt64, in dir: URL) -> (status: Int32, problem: String?) {
        let (dot, engine, format) = generate(seed: seed)
        let out = "case\(seed).\(format)"
        let r: Tool.Result
        do {
            r = try Tool.run(["render", "--engine", engine, "--timeout", timeout, "--out", out], stdin: dot, in: dir)
        } catch {
            return (-1, "could not run: \(error)")
        }
        let file = dir.appendingPathComponent(out)
        defer { try? FileManager.default.removeItem(at: file) }
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        if r.status == 0 {
            guard let bytes = try? Data(contentsOf: file), !bytes.isEmpty else { return (0, "status 0 but no file") }
            let valid = switch format {
            case "svg": String(decoding: bytes, as: UTF8.self).hasSuffix("</svg>\n")
            case "png": bytes.starts(with: [0x89, 0x50, 0x4E, 0x47])
            case "pdf": bytes.starts(with: Array("%PDF".utf8))
            default: String(decoding: bytes, as: UTF8.self).hasPrefix("digraph")
            }
            return (0, valid ? nil : "status 0 but not a valid \(format)")
        }
        guard documented.contains(r.status) else { return (r.status, "status \(r.status): \(r.stderr)") }
        guard lines.count == 2, lines[1].isEmpty, r.stderr.hasPrefix("micrograd-viz: error: ") else {
            return (r.status, "not one line: \(r.stderr.debugDescription)")
        }
        return (r.status, FileManager.default.fileExists(atPath: file.path) ? "status \(r.status) but a file was written" : nil)
    }

    @Test("mutated DOT: a valid file, or a documented status and one line")
    func mutatedDOT() async throws {
        let dir = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tasks = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        let tally = await withTaskGroup(of: Tally.self) { group in
            for t in 0..<tasks {
                group.addTask {
                    var tally = Tally()
                    for k in stride(from: t, to: Self.cases, by: tasks) where tally.problems.count < 20 {
                        let seed = Self.baseSeed &+ UInt64(k)
                        let (status, problem) = Self.check(seed: seed, in: dir)
                        tally.statuses[status, default: 0] += 1
                        if let problem {
                            let (dot, engine, format) = Self.generate(seed: seed)
                            tally.problems.append("seed \(seed) (\(engine), \(format)): \(problem)\n  DOT: \(dot.debugDescription)")
                        }
                    }
                    return tally
                }
            }
            var all = Tally()
            for await one in group {
                all.problems += one.problems
                all.statuses.merge(one.statuses, uniquingKeysWith: +)
            }
            return all
        }
        let (problems, statuses) = (tally.problems, tally.statuses)
        let summary = statuses.sorted { $0.key < $1.key }.map { "status \($0.key): \($0.value)" }.joined(separator: ", ")
        print("fuzz DOT: \(Self.cases) cases from seed \(Self.baseSeed): \(summary); \(problems.count) problems")
        #expect(problems.isEmpty, "\(problems.count) problems; first: \(problems.first ?? "")")
        for problem in problems.prefix(5) { Issue.record(Comment(rawValue: problem)) }
        if Self.cases >= 100 { #expect(statuses[0, default: 0] > 0 && statuses[65, default: 0] > 0, "both outcomes occur: \(summary)") }
    }

    /// What the cases of one task gave.
    struct Tally {
        var problems: [String] = []
        var statuses: [Int32: Int] = [:]
    }

    @Test("the same seed gives the same case")
    func deterministic() {
        #expect(Self.generate(seed: 42) == Self.generate(seed: 42))
        #expect(Self.generate(seed: 42) != Self.generate(seed: 43))
    }
}

/// A small seeded random source (xorshift64*) for the standard library's `random(in:using:)`:
/// the same seed gives the same cases with the same toolchain.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = (seed &* 0x9E37_79B9_7F4A_7C15) | 1 }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
