import Foundation
import Testing
import Expression
import Micrograd

@Suite("Builder: programs build the graph the lab's Python builds")
struct BuilderTests {
    /// `expressions.json`, written by `make fixtures` from the lab's Python.
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        struct Node: Decodable, Sendable { let data: Double; let grad: Double }
        let name: String
        let program: String
        let inputs: [String: Double]
        let root: Node
        let values: Int
        let edges: Int
        let grads: [String: Double]
        let data: [String: Double]
        var testDescription: String { "\(name): \(program)" }
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/reference/expressions.json")
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()

    static func build(_ source: String, _ inputs: [String: Double] = [:], seed: Int = 1337) throws -> BuiltProgram {
        var random = PythonRandom(seed: seed)
        return try Program(parsing: source).build(inputs: inputs, random: &random)
    }

    @Test("values, edges, data and grads equal the lab's Python", arguments: cases)
    func matchesLab(_ c: Case) throws {
        let built = try Self.build(c.program, c.inputs)
        built.root.backward()
        let trace = built.graph.trace(built.root)
        #expect(trace.nodes.count == c.values)
        #expect(trace.edges.count == c.edges)
        #expect(built.root.data == c.root.data, "forward values are bit-exact")
        for input in built.inputs {
            // Grads agree to summation order (the lab sums in set order): 1e-12 relative.
            let expected = c.grads[input.name] ?? 0
            #expect(abs(input.value.grad - expected) <= 1e-12 * abs(expected), "grad of \(input.name)")
        }
        let labelled = Dictionary(trace.nodes.map { built.graph[$0] }.filter { !$0.label.isEmpty }.map { ($0.label, $0.data) },
                                  uniquingKeysWith: { a, _ in a })
        for (name, data) in c.data {
            #expect(labelled[name] == data, "data of \(name)")
        }
    }

    @Test("inputs come first, in order of first use; missing ones are drawn from the seed")
    func inputs() throws {
        let built = try Self.build("L = (a*b + c)*f", ["f": -2, "a": 2])
        #expect(built.inputs.map(\.name) == ["a", "b", "c", "f"])
        #expect(built.inputs.map(\.value.index) == [0, 1, 2, 3])
        #expect(built.inputs.map(\.source) == [.given, .random, .random, .given])
        var random = PythonRandom(seed: 1337)
        #expect(built.inputs[1].value.data == random.uniform(-1, 1))
        #expect(built.inputs[2].value.data == random.uniform(-1, 1))
        #expect(built.root.label == "L")
    }

    @Test("a name assigned a number is an input like NAME=VALUE, which overrides it")
    func programInputs() throws {
        let built = try Self.build("v0 = 0.5\nk = 2*3\ny = v0 * k")
        #expect(built.inputs.map(\.name) == ["v0", "k"])
        #expect(built.inputs.map(\.source) == [.program, .program])
        #expect(built.root.data == 3)
        let overridden = try Self.build("v0 = 0.5; y = v0 * 4", ["v0": 2])
        #expect(overridden.inputs[0].source == .given && overridden.root.data == 8)
    }

    @Test("number arithmetic stays numbers: 2*3*x has one constant leaf, 6")
    func constantFolding() throws {
        let built = try Self.build("2*3*x", ["x": 1.5])
        #expect(built.graph.count == 3)
        #expect(built.root.children.map(\.data) == [1.5, 6])
    }

    @Test("a program whose result is a number gives a single leaf")
    func constantProgram() throws {
        let built = try Self.build("y = 2**10")
        #expect(built.graph.count == 1 && built.root.data == 1024 && built.root.label == "y")
    }

    @Test("mistakes name the problem and where it is", arguments: [
        ("x ** y", "line 1, column 3: ** needs a plain number as its exponent, not 'y', a value in the graph"),
        ("2 ** x", "line 1, column 3: ** needs a plain number as its exponent, not 'x', a value in the graph"),
        ("a = 1; a = 2", "line 1, column 8: 'a' is assigned twice (first on line 1)"),
        ("y = b * 2\nb = 3", "line 1, column 5: 'b' is used before it is assigned (on line 2)"),
    ])
    func errors(source: String, message: String) {
        #expect(throws: BuildError.self) { try Self.build(source) }
        do { _ = try Self.build(source) } catch { #expect("\(error)" == message) }
    }

    @Test("an input that the program does not use, or computes, is refused")
    func badInputs() {
        let error = #expect(throws: BuildError.self) { try Self.build("a*b", ["z": 1]) }
        #expect(error?.description == "input 'z' is given but the program never uses it")
        #expect(throws: BuildError.self) { try Self.build("e = a*b; e", ["e": 1]) }
    }

    @Test("a 10^5-statement program builds in linear time")
    func longProgram() throws {
        var source = "x0 = 0.5\n"
        for i in 1..<100_000 { source += "x\(i) = x\(i - 1) * 0.999 + 0.001\n" }
        let built = try Self.build(source)
        #expect(built.graph.count == 1 + 99_999 * 4)
        built.root.backward()
        #expect(built.inputs[0].value.grad > 0)
    }

    @Test("every node the program makes knows its place: the operator, function or input's first use")
    func locations() throws {
        let built = try Self.build("w = 2\ny = w * log(x) - 1", ["x": 3])
        let g = built.graph
        func place(_ i: Int) -> String { built.location(of: i).map { "\($0.line):\($0.column)" } ?? "-" }
        let places = (0..<g.count).map { "\(g[$0].op)@\(place($0))" }
        // w (its number) and x (first use) are the inputs; then log, *, and - as + of the leaf -1.
        #expect(places == ["leaf@1:5", "leaf@2:13", "log@2:9", "mul@2:7", "leaf@2:16", "add@2:16"])
        #expect(built.location(of: g.count) == nil)
    }
}
