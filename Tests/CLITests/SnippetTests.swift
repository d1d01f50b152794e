import Foundation
import Testing

/// The DocC article's code (`Snippets/`, built by `swift build --build-tests` next to the tool)
/// run as a reader runs it, its output checked against the lab's Python (`Fixtures/reference`):
/// forward values bit for bit, gradients and trained losses to 1e-12 relative.
@Suite struct SnippetTests {
    /// One expected line; its numbers may differ from the output's by `relative` of their size.
    struct Line {
        let text: String
        let relative: Double
        init(_ text: String, relative: Double = 0) { self.text = text; self.relative = relative }
    }

    /// Runs the snippet executable and compares its output, line by line and word by word.
    func expectOutput(of snippet: String, _ expected: [Line], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let program = Tool.executable.deletingLastPathComponent().appendingPathComponent(snippet)
        try #require(FileManager.default.isExecutableFile(atPath: program.path),
                     "\(snippet) is not built: run swift build --build-tests", sourceLocation: sourceLocation)
        let result = try Tool.run(program, [])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(snippet): \(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == expected.count, "\(snippet) printed \(lines.count) lines", sourceLocation: sourceLocation)
        for (line, want) in zip(lines, expected) {
            let words = line.split(separator: " "), wanted = want.text.split(separator: " ")
            let same = words.count == wanted.count && zip(words, wanted).allSatisfy { word, wantedWord in
                guard let x = Double(word), let y = Double(wantedWord) else { return word == wantedWord }
                return x == y || abs(x - y) <= want.relative * abs(y)
            }
            #expect(same, "\(snippet): '\(line)', expected '\(want.text)'", sourceLocation: sourceLocation)
        }
    }

    /// A reference file of `Fixtures/reference`, decoded exactly.
    func reference<T: Decodable>(_ name: String, as: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(contentsOf: Tool.packageRoot.appendingPathComponent("Fixtures/reference/\(name)")))
    }

    struct Node: Decodable { let data: Double; let grad: Double }

    @Test func warmupPrintsTheLabsGradsThenItsPicture() throws {
        struct Warmup: Decodable { let nodes: [String: Node] }
        let nodes = try reference("warmup.json", as: Warmup.self).nodes
        let picture = try Tool.golden("warmup.dot").split(separator: "\n").map { Line(String($0)) }
        try expectOutput(of: "Warmup", [Line("Value(data=\(nodes["L"]!.data), grad=\(nodes["L"]!.grad))")]
            + ["a", "b", "c", "f"].map { Line("\($0) \(nodes[$0]!.grad)") } + picture)
    }

    @Test func neuronPrintsTheLabsOutputAndGrads() throws {
        struct Output: Decodable { let data: Double }
        struct Neuron: Decodable { let o: Output; let grads: [String: Double] }
        let neuron = try reference("neuron.json", as: Neuron.self)
        try expectOutput(of: "Neuron", [Line("Value(data=\(neuron.o.data), grad=\(neuron.grads["o"]!))")]
            + ["x1", "w1", "x2", "w2", "b"].map { Line("\($0) \(neuron.grads[$0]!)", relative: 1e-12) })
    }

    @Test func mlpPrintsTheLabsForwardPass() throws {
        struct Counts: Decodable { let values: Int }
        struct Network: Decodable { let forward: Double; let parameters: [Double]; let forwardCounts: Counts }
        let network = try reference("mlp-seed1337.json", as: Network.self)
        try expectOutput(of: "MLP", [Line("\(network.forward)"), Line("parameters \(network.parameters.count)"),
                                     Line("values \(network.forwardCounts.values)")])
    }

    @Test func trainingPrintsTheLabsLosses() throws {
        struct Run: Decodable { let name: String; let losses: [Double] }
        struct Training: Decodable { let runs: [Run] }
        let losses = try #require(try reference("training.json", as: Training.self).runs.first { $0.name == "default" }).losses
        // Step 0 is a forward pass: bit for bit. Later steps follow gradients: 1e-12.
        try expectOutput(of: "Training", [0, 10, 20, 30, 40, 49].map { k in
            Line("\(k) \(losses[k])", relative: k == 0 ? 0 : 1e-12)
        })
    }
}

extension SnippetTests {
    @Test func readmeShowsTheWarmupSnippetAsItIs() throws {
        let readme = try String(contentsOf: Tool.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let snippet = try String(contentsOf: Tool.packageRoot.appendingPathComponent("Snippets/Warmup.swift"), encoding: .utf8)
        let shown = snippet.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("// snippet.") }.joined(separator: "\n")
        #expect(readme.contains("```swift\n" + shown + "```\n"), "README's library example is not Snippets/Warmup.swift")
        #expect(shown.split(separator: "\n").count <= 15)
    }
}
