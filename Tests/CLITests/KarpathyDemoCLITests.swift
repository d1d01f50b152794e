import Foundation
import Testing

/// `train --preset karpathy-demo`, `--boundary` and `mlp --sample`, run as a user would.
@Suite("micrograd's demo.ipynb from the command line")
struct KarpathyDemoCLITests {
    struct Runs: Decodable {
        struct Run: Decodable { let losses: [Double]; let accuracy: [Double]; let parameters: [Double]; let lr: Double }
        let runs: [Run]
    }

    struct Reference: Decodable { let losses: [Double]; let accuracy: [Double]; let printed: [String]; let finalParameters: [Double] }

    static func reference() throws -> Reference {
        let url = Tool.packageRoot.appendingPathComponent("Fixtures/reference/karpathy-demo.json")
        return try ExperimentTests.decode(Reference.self, [UInt8](Data(contentsOf: url)))
    }

    @Test("--preset karpathy-demo prints the notebook's table: its first line exactly, every accuracy")
    func table() throws {
        let reference = try Self.reference()
        let r = try Tool.run(["train", "--preset", "karpathy-demo"])
        #expect(r.status == 0)
        let lines = r.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 100)
        #expect(lines.first == "step 0 loss 0.8958441028683222, accuracy 50.0%")
        #expect(lines.map { $0.split(separator: ",").last! } == reference.printed.map { $0.split(separator: ",").last! })
    }

    @Test("the JSON carries losses, accuracy and the final parameters, all within the notebook's")
    func json() throws {
        let reference = try Self.reference()
        let runs = try ExperimentTests.decode(Runs.self, try Tool.run(["train", "--preset", "karpathy-demo", "--json"]).stdout).runs
        #expect(runs.count == 1 && runs[0].lr == 1.0)
        #expect(runs[0].accuracy == reference.accuracy)
        #expect(zip(runs[0].losses, reference.losses).allSatisfy { abs($0 - $1) <= 1e-9 * abs($1) })
        #expect(runs[0].parameters.count == 337)
        #expect(zip(runs[0].parameters, reference.finalParameters).allSatisfy { abs($0 - $1) <= 1e-9 })
    }

    @Test("a flag beside the preset wins; flags alone give the same run as the preset")
    func overrides() throws {
        let short = try Tool.run(["train", "--preset", "karpathy-demo", "--steps", "3", "--table", "lab"])
        #expect(short.status == 0)
        #expect(short.text.hasPrefix("step   0    loss = 0.895844\nstep   1    loss = 1.723591\nstep   2    loss = "))
        let flags = ["train", "--arch", "2,16,16,1", "--dataset", "sklearn-moons:100", "--activation", "relu", "--linear-output",
                     "--zero-bias", "--loss", "svm", "--l2", "1e-4", "--lr", "1.0", "--lr-decay", "0.9", "--steps", "2", "--every", "1",
                     "--table", "demo"]
        let alone = try Tool.run(flags)
        #expect(alone.text == (try Tool.run(["train", "--preset", "karpathy-demo", "--steps", "2"])).text)
        let biased = try Tool.run(["train", "--preset", "karpathy-demo", "--no-zero-bias", "--steps", "1"])
        #expect(biased.status == 0 && !biased.text.hasPrefix("step 0 loss 0.8958441028683222,"))
        #expect(try Tool.run(["train", "--help"]).text.contains("--activation relu --linear-output --zero-bias --loss svm --l2 1e-4"))
    }

    @Test("--boundary writes an SVG of the regions and the 100 points; PNG and PDF through Graphviz")
    func boundary() throws {
        let dir = try Tool.temporaryDirectory()
        let r = try Tool.run(["train", "--preset", "karpathy-demo", "--steps", "5", "--boundary", "moons.svg"], in: dir)
        #expect(r.status == 0)
        let svg = try String(contentsOf: dir.appendingPathComponent("moons.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 100)
        #expect(svg.contains("class=\"positive-region\"") && svg.contains("<polygon"))
        let formats: [(String, [UInt8])] = [("moons.png", [0x89, 0x50, 0x4E, 0x47]), ("moons.pdf", Array("%PDF".utf8))]
        for (name, magic) in formats {
            let r = try Tool.run(["train", "--preset", "karpathy-demo", "--steps", "1", "--boundary", name], in: dir)
            #expect(r.status == 0)
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(name)))
            #expect(bytes.count > 10_000 && Array(bytes[0..<4]) == magic)
        }
    }

    @Test("bad demo arguments: one line, status 64, no file", arguments: [
        ["train", "--preset", "karpathy-demo", "--boundary", "b.gif"],
        ["train", "--preset", "karpathy-demo", "--boundary", "svg"],
        ["train", "--boundary", "b.svg"],
        ["train", "--preset", "karpathy-demo", "--lr", "1,2", "--boundary", "b.svg"],
        ["train", "--dataset", "sklearn-moons:1", "--arch", "2,1"],
        ["train", "--dataset", "sklearn-moons:10:-1", "--arch", "2,1"],
        ["train", "--dataset", "sklearn-moons:10", "--arch", "2,1", "--seed", "4294967296"],
        ["train", "--preset", "karpathy-demo", "--l2", "inf"],
        ["train", "--preset", "nope"],
        ["mlp", "2,4,1", "--dataset", "sklearn-moons:10", "--sample", "10"],
        ["mlp", "2,4,1", "--sample", "0", "--input", "1,2"],
        ["train", "--sample", "1"],
        ["train", "--animate", "run.html", "--sample", "4"],
        ["train", "--animate", "run.html", "--sample=-1"],
    ])
    func badArguments(arguments: [String]) throws {
        let dir = try Tool.temporaryDirectory()
        let r = try Tool.run(arguments, in: dir)
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("micrograd-viz: error: ") && r.stderr.filter { $0 == "\n" }.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("mlp --sample draws one sample's loss graph: ~1,700 values, readable as 37 boxes at --depth neuron")
    func sample() throws {
        let arguments = ["mlp", "2,16,16,1", "--activation", "relu", "--linear-output", "--zero-bias",
                         "--dataset", "sklearn-moons:100", "--sample", "7", "--loss-fn", "svm", "--l2", "1e-4"]
        let json = try JSONSerialization.jsonObject(with: Data(try Tool.run(arguments + ["--json"]).stdout)) as? [String: Any]
        let nodes = try #require(json?["nodes"] as? [Any])
        #expect((1_600...1_800).contains(nodes.count))
        let dot = try Tool.run(arguments + ["--depth", "neuron"])
        #expect(dot.status == 0)
        let boxes = dot.text.split(separator: "\n").filter { $0.contains("[label=") }
        #expect(boxes.count == 37, "2 inputs, 32 hidden neurons, the output neuron, the loss term and the loss")
        #expect(dot.text.contains(#"sample\ 7\ ·\ loss\ term"#))
    }
}
