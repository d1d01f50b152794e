import Foundation
import Testing

/// `train` and `gradcheck`, the lab's experiments, run as a user would.
@Suite("train and gradcheck")
struct ExperimentTests {
    struct Runs: Decodable {
        struct Run: Decodable { let lr: Double; let losses: [Double]; let predictions: [Double]; let targets: [Double]; let secondsPerStep: Double }
        let runs: [Run]
    }

    struct Reference: Decodable {
        struct Run: Decodable { let name: String; let losses: [Double]; let predictions: [Double] }
        let runs: [Run]
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(T.self, from: Data(bytes))
    }

    static func reference(_ name: String) throws -> Reference.Run {
        let url = Tool.packageRoot.appendingPathComponent("Fixtures/reference/training.json")
        return try decode(Reference.self, [UInt8](Data(contentsOf: url))).runs.first { $0.name == name }!
    }

    @Test("train with the defaults prints the lab's table and equals the lab's Python to 1e-9")
    func defaults() throws {
        let text = try Tool.run(["train"])
        #expect(text.status == 0)
        #expect(text.text.hasPrefix("step   0    loss = 6.005403\nstep   5    loss = "))
        #expect(text.text.contains("Final predictions: [0.936, -0.988, -0.937, 0.935]\nTargets          : [1.0, -1.0, -1.0, 1.0]\n"))
        let json = try Self.decode(Runs.self, try Tool.run(["train", "--json"]).stdout)
        let lab = try Self.reference("default")
        #expect(json.runs.count == 1 && json.runs[0].lr == 0.05 && json.runs[0].secondsPerStep > 0)
        #expect(json.runs[0].losses[0] == 6.005402783252284)
        for (ours, theirs) in zip(json.runs[0].losses + json.runs[0].predictions, lab.losses + lab.predictions) {
            #expect(abs(ours - theirs) <= 1e-9 * abs(theirs))
        }
    }

    @Test("a learning-rate sweep gives one run per rate, each from the same seed, and one curve each")
    func sweep() throws {
        let dir = try Tool.temporaryDirectory()
        let r = try Tool.run(["train", "--lr", "0.01,0.05,10", "--json", "--plot", "sweep.svg"], in: dir)
        #expect(r.status == 0)
        let runs = try Self.decode(Runs.self, r.stdout).runs
        #expect(runs.map(\.lr) == [0.01, 0.05, 10])
        #expect(Set(runs.map { $0.losses[0] }).count == 1, "every run starts from the lab's weights")
        #expect(runs[2].losses.last == 8.0, "lr = 10 sticks at 8.0 (errata)")
        let svg = try String(contentsOf: dir.appendingPathComponent("sweep.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.components(separatedBy: "class=\"curve\"").count - 1 == 3)
    }

    @Test("--no-zero-grad leaves the normal run after step 1")
    func noZeroGrad() throws {
        let normal = try Self.decode(Runs.self, try Tool.run(["train", "--json"]).stdout).runs[0].losses
        let broken = try Self.decode(Runs.self, try Tool.run(["train", "--json", "--no-zero-grad"]).stdout).runs[0].losses
        #expect(Array(normal.prefix(2)) == Array(broken.prefix(2)))
        #expect(normal[2] != broken[2])
    }

    @Test("moons:N is deterministic for a seed and changes with it")
    func moons() throws {
        let args = ["train", "--arch", "2,4,1", "--dataset", "moons:20", "--steps", "3", "--json"]
        let a = try Self.decode(Runs.self, try Tool.run(args).stdout).runs[0]
        let b = try Self.decode(Runs.self, try Tool.run(args).stdout).runs[0]
        let c = try Self.decode(Runs.self, try Tool.run(args + ["--seed", "7"]).stdout).runs[0]
        #expect(a.losses == b.losses && a.targets.count == 20)
        #expect(a.losses != c.losses)
    }

    @Test("gradcheck on the warm-up: analytic -4 for b, the central difference within 1e-8")
    func gradcheckWarmUp() throws {
        struct Report: Decodable {
            struct Input: Decodable { let name: String; let analytic: Double; let central: Double; let passed: Bool }
            let passed: Bool
            let inputs: [Input]
        }
        let r = try Tool.run(["gradcheck", "e=a*b; d=e+c; L=d*f", "a=2", "b=-3", "c=10", "f=-2", "--json"])
        #expect(r.status == 0)
        let report = try Self.decode(Report.self, r.stdout)
        let b = try #require(report.inputs.first { $0.name == "b" })
        #expect(b.analytic == -4 && abs(b.central - -4) < 1e-8 && b.passed && report.passed)
        #expect(report.inputs.map(\.name) == ["a", "b", "c", "f"])
    }

    @Test("gradcheck fails with status 1 and one line where the derivative has a kink")
    func gradcheckFails() throws {
        let r = try Tool.run(["gradcheck", "relu(x)", "x=0"])
        #expect(r.status == 1)
        #expect(r.stderr == "micrograd-viz: error: gradcheck failed for 1 of 1 inputs: x has central error 5.0e-01 > tolerance 1.0e-06\n")
        #expect(r.text.contains("FAIL"))
    }

    @Test("the h sweep plot has a forward and a central curve per input")
    func sweepPlot() throws {
        let dir = try Tool.temporaryDirectory()
        let r = try Tool.run(["gradcheck", "x*y", "x=2", "y=3", "--sweep", "--plot", "h.svg"], in: dir)
        #expect(r.status == 0 && r.text.contains("error against h"))
        let svg = try String(contentsOf: dir.appendingPathComponent("h.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "class=\"curve\"").count - 1 == 4)
    }

    @Test("train --animate --sample I holds sample I's graph, the one mlp --sample I --depth neuron draws; 0 without the flag")
    func animateSample() throws {
        let dir = try Tool.temporaryDirectory()
        func graph(_ sample: Int) throws -> String {  // from the first group on: the page drops the prolog
            let svg = try Tool.run(["mlp", "3,4,4,1", "--sample", "\(sample)", "--depth", "neuron", "--svg"]).text
            return String(svg[try #require(svg.firstRange(of: "<g id=\"graph0\"")).lowerBound...])
        }
        func page(_ flags: [String]) throws -> String {
            #expect(try Tool.run(["train", "--steps", "2", "--animate", "run.html"] + flags, in: dir).status == 0)
            return try String(contentsOf: dir.appendingPathComponent("run.html"), encoding: .utf8)
        }
        let (chosen, first) = (try page(["--sample", "2"]), try page([]))
        let (two, zero) = (try graph(2), try graph(0))
        #expect(chosen.contains(two) && !chosen.contains(zero))
        #expect(chosen.contains("<title>micrograd training: arch 3,4,4,1 on lab, sample 2</title>"))
        #expect(first.contains(zero))
    }
}

@Suite("Big pictures from the command line")
struct BigPictureTests {
    @Test("the node guard refuses with the count and a suggestion; --force draws")
    func nodeGuard() throws {
        let dir = try Tool.temporaryDirectory()
        let refused = try Tool.run(["mlp", "3,4,4,1", "--loss", "--max-nodes", "500", "--out", "loss.svg"], in: dir)
        #expect(refused.status == 65)
        #expect(refused.stderr == "micrograd-viz: error: the picture has 703 nodes, more than the limit of 500: draw less with "
                + "--depth neuron or --depth layer, or use --force to draw it anyway (or --json for the numbers)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let forced = try Tool.run(["mlp", "3,4,4,1", "--loss", "--max-nodes", "500", "--force", "--out", "loss.svg"], in: dir)
        #expect(forced.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("loss.svg").path))
    }

    @Test("--depth layer of the 100-point moons loss (132,000 values) draws a small picture")
    func moonsByLayer() throws {
        let r = try Tool.run(["mlp", "2,16,16,1", "--loss", "--dataset", "moons:100", "--depth", "layer"])
        #expect(r.status == 0)
        #expect(r.text.components(separatedBy: "shape=record").count - 1 < 700)
        #expect(r.text.contains("[label=\"×16\"]"))
    }
}
