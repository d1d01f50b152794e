import Foundation
import Testing

/// Deep nesting and long programs through the real executable: each works or stops with a clear
/// limit message, in bounded time, and nothing overflows the stack.
///
/// `make test` runs sizes that take seconds in a debug build; `MICROGRAD_VIZ_FULL=1` (`make fuzz`)
/// adds the full sizes: a 10^6-statement program (~4 million nodes, ~470 MB of JSON) and 60,000
/// layers (the longest spec that fits in one command-line argument).
@Suite("Deep input: nesting, a million statements, a thousand layers")
struct DeepInputTests {
    static let full = ProcessInfo.processInfo.environment["MICROGRAD_VIZ_FULL"] == "1"

    /// Runs the tool with a time limit, prints how long it took, and checks it neither hung nor crashed.
    static func run(_ what: String, _ arguments: [String], stdin: String = "", timeout: Double = 120) throws -> Spawned.Outcome {
        let outcome = try Spawned(arguments, stdin: Data(stdin.utf8)).wait(timeout: timeout)
        print("deep input: \(what): status \(outcome.status) in \(String(format: "%.2f", outcome.seconds)) s, \(outcome.stdout.count) bytes out")
        #expect(!outcome.timedOut, "\(what) took more than \(timeout) s")
        #expect(!outcome.signalled, "\(what) died of signal \(outcome.status): \(outcome.stderr)")
        return outcome
    }

    static func tail(_ bytes: [UInt8], _ count: Int = 400) -> String { String(decoding: bytes.suffix(count), as: UTF8.self) }

    @Test("nested parentheses, calls, methods and unary minus, 100,000 deep (10^6 with MICROGRAD_VIZ_FULL)")
    func nesting() throws {
        for n in Self.full ? [100_000, 1_000_000] : [100_000] {
            let parens = try Self.run("\(n) parentheses", ["expr", "-", "a=1"], stdin: String(repeating: "(", count: n) + "a" + String(repeating: ")", count: n))
            #expect(parens.status == 0 && parens.stderr.isEmpty, "\(parens.stderr)")
            #expect(String(decoding: parens.stdout, as: UTF8.self).contains("a | data 1.0000 | grad 1.0000"))

            let unclosed = try Self.run("\(n) unclosed", ["expr", "-", "a=1"], stdin: String(repeating: "(", count: n) + "a")
            #expect(unclosed.status == 65)
            #expect(unclosed.stderr == "micrograd-viz: error: line 1, column \(n): '(' is never closed\n")

            let unopened = try Self.run("\(n) unopened", ["expr", "-", "a=1"], stdin: "a" + String(repeating: ")", count: n))
            #expect(unopened.status == 65 && unopened.stderr == "micrograd-viz: error: line 1, column 2: unmatched ')'\n")
        }
        let n = 100_000
        let calls = try Self.run("\(n) nested tanh()", ["expr", "-", "a=1", "--json"],
                                 stdin: String(repeating: "tanh(", count: n) + "a" + String(repeating: ")", count: n))
        #expect(calls.status == 0 && String(decoding: calls.stdout.prefix(40), as: UTF8.self).hasPrefix("{\"root\": \(n), "))
        #expect(Self.tail(calls.stdout).hasSuffix("\"op\": \"tanh\", \"data\": \(Self.tanhChain(n)), \"grad\": 1.0, \"children\": [\(n - 1)]}\n]}\n"))

        let methods = try Self.run("\(n) chained .relu()", ["expr", "-", "a=0.5", "--json"], stdin: "a" + String(repeating: ".relu()", count: n))
        #expect(methods.status == 0)
        #expect(Self.tail(methods.stdout).hasSuffix("\"op\": \"ReLU\", \"data\": 0.5, \"grad\": 1.0, \"children\": [\(n - 1)]}\n]}\n"),
                "\(Self.tail(methods.stdout))")

        // Each unary minus is a * -1: 2 values and an op node; the picture is refused, clearly.
        let minus = try Self.run("\(n) unary minus", ["expr", "-", "a=1"], stdin: String(repeating: "-", count: n) + "a")
        #expect(minus.status == 65)
        #expect(minus.stderr == "micrograd-viz: error: the picture has \(3 * n + 2) nodes, more than the limit of 5000: "
                + "use --force to draw it anyway (or --json for the numbers)\n")
    }

    /// tanh applied `n` times to 1, with the engine's formula.
    static func tanhChain(_ n: Int) -> Double {
        var x = 1.0
        for _ in 0..<n { x = (exp(2 * x) - 1) / (exp(2 * x) + 1) }
        return x
    }

    /// `x0 = 0.5`, then `x{i} = x{i-1} * 0.999 + 0.001`: 4 values a statement.
    static func longProgram(_ statements: Int) -> (text: String, last: Double) {
        var text = "x0 = 0.5\n"
        text.reserveCapacity(statements * 34)
        var x = 0.5
        for i in 1..<statements {
            text += "x\(i) = x\(i - 1) * 0.999 + 0.001\n"
            x = x * 0.999 + 0.001
        }
        return (text, x)
    }

    @Test("a 100,000-statement program (10^6 with MICROGRAD_VIZ_FULL): JSON into a pipe, a clear limit for pictures")
    func longPrograms() throws {
        let n = Self.full ? 1_000_000 : 100_000
        let (program, last) = Self.longProgram(n)
        let values = 1 + 4 * (n - 1)
        let json = try Self.run("\(n) statements to --json", ["expr", "-", "--json"], stdin: program, timeout: Self.full ? 900 : 120)
        #expect(json.status == 0 && json.stderr.isEmpty, "\(json.stderr)")
        #expect(String(decoding: json.stdout.prefix(40), as: UTF8.self).hasPrefix("{\"root\": \(values - 1), "))
        #expect(Self.tail(json.stdout).hasSuffix(
            "{\"id\": \(values - 1), \"label\": \"x\(n - 1)\", \"op\": \"+\", \"data\": \(last), \"grad\": 1.0, \"children\": [\(values - 3), \(values - 2)]}\n]}\n"),
            "\(Self.tail(json.stdout))")

        // A picture of it is refused with the count (values, one op node per computed value, the legend).
        let dot = try Self.run("\(n) statements to DOT", ["expr", "-"], stdin: program, timeout: Self.full ? 900 : 120)
        #expect(dot.status == 65 && dot.stdout.isEmpty)
        #expect(dot.stderr == "micrograd-viz: error: the picture has \(values + 2 * (n - 1) + 1) nodes, more than the limit of 5000: "
                + "use --force to draw it anyway (or --json for the numbers)\n")
    }

    @Test("mlp with 1,000 layers of width 1 (60,000 with MICROGRAD_VIZ_FULL): JSON works, DOT stops at the limit or draws with --force")
    func deepNetwork() throws {
        for layers in Self.full ? [1_000, 60_000] : [1_000] {
            let spec = Array(repeating: "1", count: layers + 1).joined(separator: ",")
            // Per layer: w0, b, the input leaf (first layer only), w0*x, +b, tanh: 5 values, 3 ops.
            let values = 5 * layers + 1, ops = 3 * layers
            let json = try Self.run("mlp with \(layers) layers to --json", ["mlp", spec, "--json"], timeout: Self.full ? 600 : 120)
            #expect(json.status == 0 && json.stderr.isEmpty, "\(json.stderr)")
            #expect(String(decoding: json.stdout.prefix(40), as: UTF8.self).hasPrefix("{\"root\": \(values - 1), "))
            #expect(Self.tail(json.stdout).contains("\"op\": \"tanh\""))

            let limited = try Self.run("mlp with \(layers) layers to --dot", ["mlp", spec, "--stage", "forward", "--dot"])
            #expect(limited.status == 65 && limited.stdout.isEmpty)
            #expect(limited.stderr == "micrograd-viz: error: the picture has \(values + ops + 1) nodes, more than the limit of 5000: "
                    + "draw less with --depth neuron or --depth layer, or use --force to draw it anyway (or --json for the numbers)\n")

            let forced = try Self.run("mlp with \(layers) layers to --dot --force", ["mlp", spec, "--stage", "forward", "--dot", "--force"],
                                      timeout: Self.full ? 600 : 120)
            #expect(forced.status == 0 && forced.stderr.isEmpty, "\(forced.stderr)")
            let text = String(decoding: forced.stdout, as: UTF8.self)
            #expect(text.hasPrefix("digraph {") && text.hasSuffix("}\n"))
            let lines = text.split(separator: "\n")
            #expect(lines.filter { $0.contains("shape=record") }.count == values)
            #expect(lines.filter { $0.contains("op [label=") }.count == ops)
        }
    }

    @Test("full size only: the 1,000-layer network laid out to SVG in-process", .enabled(if: DeepInputTests.full, "takes ~40 s: make fuzz"))
    func deepNetworkSVG() throws {
        let spec = Array(repeating: "1", count: 1_001).joined(separator: ",")
        let svg = try Self.run("mlp with 1000 layers to --svg --force", ["mlp", spec, "--stage", "forward", "--svg", "--force"], timeout: 600)
        #expect(svg.status == 0)
        #expect(Self.tail(svg.stdout, 20).hasSuffix("</svg>\n"))
    }
}
