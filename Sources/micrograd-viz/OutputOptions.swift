import ArgumentParser
import GraphRender

/// Where the result goes and in which format: `--out FILE`, `--format NAME` or a shorthand.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Write to FILE (atomically); the format follows the extension: .dot/.gv .svg .png .pdf .json .tex (TikZ). Default: stdout.",
        valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Output format: dot, svg, png, pdf, json or tikz.", valueName: "name"))
    var format: OutputFormat?

    @Flag(name: .long, help: "Shorthand for --format dot.") var dot = false
    @Flag(name: .long, help: "Shorthand for --format svg.") var svg = false
    @Flag(name: .long, help: "Shorthand for --format png.") var png = false
    @Flag(name: .long, help: "Shorthand for --format pdf.") var pdf = false
    @Flag(name: .long, help: "Shorthand for --format json.") var json = false
    @Flag(name: .long, help: "With tikz: a whole LaTeX document that pdflatex compiles alone.") var standalone = false

    /// The format asked for: `--format` or a shorthand, else the `--out` extension, else `fallback`.
    func resolvedFormat(default fallback: OutputFormat) throws -> OutputFormat {
        let shorthands: [(Bool, OutputFormat)] = [(dot, .dot), (svg, .svg), (png, .png), (pdf, .pdf), (json, .json)]
        var asked = shorthands.filter(\.0).map(\.1)
        if let format { asked.append(format) }
        guard Set(asked).count <= 1 else {
            throw ValidationError("conflicting formats: \(asked.map(\.rawValue).joined(separator: " and "))")
        }
        let fromExtension = out.flatMap(OutputFormat.init(path:))
        if let out, fromExtension == nil, asked.isEmpty {
            throw ValidationError("cannot tell the format of '\(out)' from its extension: use .dot, .gv, .svg, .png, .pdf, .json or .tex, or --format")
        }
        if let chosen = asked.first, let ext = fromExtension, ext != chosen {
            throw ValidationError("--out '\(out!)' names \(ext.rawValue) but the format asked for is \(chosen.rawValue)")
        }
        return asked.first ?? fromExtension ?? fallback
    }

    func validate() throws {
        if let out {
            if out.isEmpty { throw ValidationError("--out needs a file name") }
            if System.isDirectory(out) {
                throw ValidationError("--out '\(out)' is a directory; give a file name")
            }
        }
        if try resolvedFormat(default: .dot) != .tikz, standalone {
            throw ValidationError("--standalone makes a LaTeX document of a TikZ picture: add --format tikz or --out FILE.tex")
        }
    }

    /// Fails before any work when `--out` cannot be written (its directory is missing or read-only).
    func checkDestination() throws {
        if let out { try AtomicFile.checkWritable(out) }
    }
}

/// How a graph is drawn: which stage, which direction, how many decimals.
struct PictureOptions: ParsableArguments {
    @Option(help: ArgumentHelp("forward (before backward, grads 0), backward (after backward), or both side by side.", valueName: "stage"))
    var stage: Stage = .backward

    @Option(help: ArgumentHelp("Layout direction: LR (left to right, the lab's) or TB.", valueName: "dir"))
    var rankdir: DOTOptions.RankDirection = .LR

    @Option(parsing: .unconditional, help: ArgumentHelp("Decimals shown for data and grad (0-17).", valueName: "n"))
    var precision = 4

    @Option(help: ArgumentHelp("Colour values by role (inputs, parameters, constants, outputs), by |grad| (log scale), or none.",
                               valueName: "role|grad|none"))
    var color: ColorMode = .role

    @Option(parsing: .unconditional, help: ArgumentHelp("Refuse pictures with more nodes than this (layout time grows fast); see --force.", valueName: "n"))
    var maxNodes = 5000

    @Flag(help: "Draw however many nodes there are.")
    var force = false

    func validate() throws {
        guard (0...17).contains(precision) else { throw ValidationError("--precision must be between 0 and 17, not \(precision)") }
        guard maxNodes > 0 else { throw ValidationError("--max-nodes must be positive, not \(maxNodes)") }
    }

    /// The request for a picture in `format`, at the depth the command chose.
    func request(_ format: OutputFormat, depth: Depth = .op, budget: RenderBudget = .standard) -> PictureRequest {
        PictureRequest(stage: stage, style: DOTOptions(rankdir: rankdir, precision: precision, depth: depth, color: color),
                       format: format, nodeLimit: nodeLimit, budget: budget)
    }

    var nodeLimit: Int { force ? .max : maxNodes }
}

extension OutputFormat: ExpressibleByArgument {}
extension Stage: ExpressibleByArgument {}
extension ColorMode: ExpressibleByArgument {}
extension Depth: ExpressibleByArgument {}
extension DOTOptions.RankDirection: ExpressibleByArgument {}
