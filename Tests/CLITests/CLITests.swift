import Foundation
import Testing

@Suite("The micrograd-viz executable, used as a user would")
struct CLITests {
    static let warmUp = ["expr", "e=a*b; d=e+c; L=d*f", "a=2", "b=-3", "c=10", "f=-2"]

    @Test("expr: the warm-up to stdout is the golden DOT")
    func warmUpDOT() throws {
        let r = try Tool.run(Self.warmUp)
        #expect(r.status == 0)
        #expect(r.text == (try Tool.golden("warmup.dot")))
        #expect(r.stderr.isEmpty)
    }

    @Test("expr: the neuron and mlp 3,4,4,1 --stage forward are the golden DOT")
    func goldens() throws {
        let neuron = try Tool.run(["expr", "n = x1*w1 + x2*w2 + b; o = tanh(n)", "x1=2", "x2=0", "w1=-3", "w2=1", "b=6.8813735870195432"])
        let neuronGolden = try Tool.golden("neuron.dot")
        #expect(neuron.status == 0 && neuron.text == neuronGolden)
        let mlp = try Tool.run(["mlp", "3,4,4,1", "--stage", "forward"])
        let mlpGolden = try Tool.golden("mlp-3-4-4-1-forward.dot")
        #expect(mlp.status == 0 && mlp.text == mlpGolden)
    }

    @Test("deterministic across processes (each has its own hash seed): the same bytes twice", arguments: [
        ["mlp", "2,4,1", "--loss", "--dataset", "moons:6", "--depth", "neuron", "--dot"],
        ["mlp", "3,4,4,1", "--depth", "layer", "--svg"],
        ["expr", "e=a*b; d=e+c; L=d*f", "--stage", "both", "--json"],
        ["train", "--steps", "3", "--json"],
    ])
    func deterministicAcrossProcesses(arguments: [String]) throws {
        let first = try Tool.run(arguments), second = try Tool.run(arguments)
        #expect(first.status == 0 && !first.stdout.isEmpty, "\(first.stderr)")
        let stable = { (r: Tool.Result) in r.text.split(separator: "\n").filter { !$0.contains("seconds_per_step") } }
        #expect(stable(first) == stable(second))
    }

    @Test("a program that starts with a minus sign is a program, with or without --")
    func leadingMinus() throws {
        let plain = try Tool.run(["expr", "-tanh(x)", "x=2", "--json"])
        let separated = try Tool.run(["expr", "--json", "--", "-tanh(x)", "x=2"])
        #expect(plain.status == 0 && plain.text.contains("\"op\": \"tanh\"") && plain.stderr.isEmpty, "\(plain.stderr)")
        #expect(separated.text == plain.text)
        let check = try Tool.run(["gradcheck", "-x**2", "x=3"])
        #expect(check.status == 0 && check.text.contains("-6.0"))
        let help = try Tool.run(["expr", "-h"])
        #expect(help.status == 0 && help.text.contains("USAGE"))
        let unknown = try Tool.run(["expr", "a*b", "--frobnicate"])
        #expect(unknown.status == 64 && unknown.stdout.isEmpty && unknown.stderr == "micrograd-viz: error: unknown option '--frobnicate' (see --help)\n")
    }

    @Test("the user's example: expr \"(a*b+c)*f\" --out L.svg writes an SVG and says so")
    func exprToSVG() throws {
        let dir = try Tool.temporaryDirectory()
        let r = try Tool.run(["expr", "(a*b+c)*f", "--out", "L.svg"], in: dir)
        #expect(r.status == 0)
        let svg = try String(contentsOf: dir.appendingPathComponent("L.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("</svg>"))
        #expect(r.stderr.contains("inputs drawn from uniform(-1, 1) with seed 1337: a=0.23550571390294128"))
        #expect(r.stderr.contains("wrote L.svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["L.svg"], "no temporary file left")
    }

    @Test("the user's example: mlp 3,4,4,1 --svg writes SVG to stdout")
    func mlpSVG() throws {
        let r = try Tool.run(["mlp", "3,4,4,1", "--svg"])
        #expect(r.status == 0)
        #expect(r.text.contains("<svg") && r.text.contains("L2N0.b"))
    }

    @Test("mlp pictures that Graphviz cannot lay out in one row are drawn with the layers stacked",
          arguments: ["2,8,8,1", "2,16,1", "2,6,6,1", "3,8,8,1"])
    func stackedWhenGraphvizGivesUp(arch: String) throws {
        let dot = try Tool.run(["mlp", arch, "--dot"])
        let theirs = try Tool.run(URL(fileURLWithPath: "/usr/bin/dot"), ["-Tsvg"], stdin: Data(dot.stdout))
        #expect(theirs.status != 0 && theirs.stderr.contains("lost"), "Graphviz 2.42 gives up on the one-row layout")
        let svg = try Tool.run(["mlp", arch, "--svg"])
        #expect(svg.status == 0 && svg.stderr.isEmpty, "\(svg.stderr)")
        #expect(svg.text.hasSuffix("</svg>\n"))
    }

    @Test("the user's example: DOT on stdout piped into the system dot")
    func pipeIntoDot() throws {
        let dot = try Tool.run(Self.warmUp)
        let svg = try Tool.run(URL(fileURLWithPath: "/usr/bin/dot"), ["-Tsvg"], stdin: Data(dot.stdout))
        #expect(svg.status == 0 && svg.stderr.isEmpty)
        #expect(svg.text.contains("<svg") && svg.text.contains("grad 6.0000"))
    }

    @Test("PNG and PDF files have their magic bytes; JSON parses", arguments: ["png", "pdf", "json"])
    func fileFormats(ext: String) throws {
        let dir = try Tool.temporaryDirectory()
        let r = try Tool.run(Self.warmUp + ["--out", "w.\(ext)"], in: dir)
        #expect(r.status == 0)
        let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent("w.\(ext)")))
        switch ext {
        case "png": #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        case "pdf": #expect(String(decoding: bytes.prefix(5), as: UTF8.self) == "%PDF-")
        default: #expect((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil)
        }
    }

    @Test("--stage both draws two clusters; --json gives forward and backward")
    func stageBoth() throws {
        let dot = try Tool.run(Self.warmUp + ["--stage", "both"])
        #expect(dot.text.contains("cluster_forward") && dot.text.contains("cluster_backward"))
        let json = try Tool.run(Self.warmUp + ["--stage", "both", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout)) as! [String: Any]
        #expect(Set(object.keys) == ["forward", "backward"])
    }

    @Test("a program on stdin with -, and a program starting with - after --")
    func stdinAndDash() throws {
        let r = try Tool.run(["expr", "-", "a=2", "b=3"], stdin: "# product\nc = a*b\nc + 1\n")
        #expect(r.status == 0 && r.text.contains("data 7.0000"))
        let neg = try Tool.run(["expr", "--", "-a*b", "a=2", "b=3"])
        #expect(neg.status == 0 && neg.text.contains("data -6.0000"))
    }

    @Test("render: DOT from a file or stdin to SVG, PNG, PDF")
    func render() throws {
        let dir = try Tool.temporaryDirectory()
        let dot = try Tool.run(Self.warmUp)
        try Data(dot.stdout).write(to: dir.appendingPathComponent("g.dot"))
        let fromFile = try Tool.run(["render", "g.dot", "--out", "g.png"], in: dir)
        #expect(fromFile.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("g.png").path))
        let fromStdin = try Tool.run(["render"], stdin: dot.text)
        #expect(fromStdin.status == 0 && fromStdin.text.contains("<svg"))
    }

    @Test("errors: one line on stderr, a non-zero status, no output file", arguments: [
        (["expr", "a %% b"], 65, "unknown operator"),
        (["expr", "(a*b"], 65, "never closed"),
        (["expr", "x ** y"], 65, "** needs a plain number"),
        (["expr", "a*b", "a=oops"], 64, "'oops' is not a finite number"),
        (["mlp", "3,,1"], 64, "item 2 of '3,,1'"),
        (["mlp", "3,4,1", "--input", "1,2"], 64, "--input has 2 numbers but the network takes 3"),
        (["expr", "a*b", "--format", "bmp"], 64, "bmp"),
        (["expr", "a*b", "--out", "x.txt"], 64, "cannot tell the format"),
        (["expr", "a*b", "--out", "missing/x.svg"], 73, "does not exist"),
        (["render"], 65, "empty"),
        (["render", "nope.dot"], 74, "cannot read"),
    ] as [([String], Int32, String)])
    func errors(arguments: [String], status: Int32, message: String) throws {
        let dir = try Tool.temporaryDirectory()
        let r = try Tool.run(arguments, stdin: "", in: dir)
        #expect(r.status == status)
        #expect(r.stderr.hasPrefix("micrograd-viz: error: "))
        #expect(r.stderr.contains(message))
        #expect(r.stderr.filter { $0 == "\n" }.count == 1, "one line: \(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("malformed DOT to render: one line naming the problem")
    func malformedDOT() throws {
        let r = try Tool.run(["render"], stdin: "digraph { a -> }")
        #expect(r.status == 65 && r.stderr.contains("syntax error"))
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("--help teaches with examples")
    func help() throws {
        for command in ["expr", "mlp", "render"] {
            let r = try Tool.run([command, "--help"])
            #expect(r.status == 0 && r.text.contains("Examples:") && r.text.contains("micrograd-viz \(command)"))
        }
    }
}

@Suite("render and mlp: limits and negative inputs")
struct RenderLimitTests {
    @Test("render refuses a graph past --max-nodes before layout, and --force lays it out")
    func renderGuard() throws {
        let dot = try Tool.run(["mlp", "3,4,4,1", "--loss"])
        let refused = try Tool.run(["render", "--max-nodes", "100"], stdin: dot.text)
        #expect(refused.status == 65)
        #expect(refused.stderr == "micrograd-viz: error: stdin: the graph has 703 nodes, more than the limit of 100: use --force to lay it out anyway\n")
        let forced = try Tool.run(["render", "--max-nodes", "100", "--force"], stdin: dot.text)
        #expect(forced.status == 0 && forced.text.contains("<svg"))
    }

    @Test("--input takes negative numbers as they are")
    func negativeInput() throws {
        let r = try Tool.run(["mlp", "3,1", "--input", "-1,2,-3", "--stage", "forward"])
        #expect(r.status == 0)
        #expect(r.text.contains("{ x0 | data -1.0000 | grad 0.0000 }"))
    }
}
