import ArgumentParser
import GraphRender

/// `micrograd-viz render`: any DOT file to SVG, PNG or PDF, in-process.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render DOT text to SVG, PNG or PDF with the built-in Graphviz.",
        discussion: """
            Reads DOT from FILE, or from stdin when FILE is - or missing; writes SVG unless an
            --out extension or a format option says otherwise. No `dot` binary is needed.

            Graphviz runs under a budget: graphs past 100,000 nodes or 200,000 edges, or
            with attributes that drive work past their bounds (peripheries, sides, size,
            dpi, width, height, mclimit, nslimit, searchsize, long labels, deep nesting)
            are refused (status 65); the layout runs in a child process limited by
            --timeout and --memory-limit (status 70 past them, or when Graphviz crashes).
            DOT that makes Graphviz read files (image, shapefile, imagepath, fontpath,
            stylesheet, HTML <IMG>) or carries javascript: URLs is refused unless
            --allow-files.

            Examples:
              micrograd-viz render graph.dot --out graph.png
              micrograd-viz mlp 3,4,4,1 | micrograd-viz render --pdf > mlp.pdf
              micrograd-viz render huge.dot --engine neato --timeout 120 --memory-limit 4G
            """
    )

    @Argument(help: ArgumentHelp("A DOT file, or - for stdin (the default).", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Graphviz layout engine: dot, neato, fdp, sfdp, circo, twopi.", valueName: "name"))
    var engine = "dot"

    @Option(parsing: .unconditional, help: ArgumentHelp("Refuse graphs with more nodes than this (layout time grows fast); see --force.", valueName: "n"))
    var maxNodes = 5000

    @Flag(help: "Lay out however many nodes there are.")
    var force = false

    @Flag(help: "Let the DOT make Graphviz read files (image=, shapefile=, imagepath, fontpath, stylesheet) and carry javascript: URLs: only for a DOT file you trust.")
    var allowFiles = false

    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Limits") var limits: BudgetOptions
    @OptionGroup(title: "Limits") var input: InputOptions

    func validate() throws {
        guard maxNodes > 0 else { throw ValidationError("--max-nodes must be positive, not \(maxNodes)") }
        guard Graphviz.engines.contains(engine) else {
            throw ValidationError("unknown layout engine '\(engine)': use \(Graphviz.engines.joined(separator: ", "))")
        }
        if try output.resolvedFormat(default: .svg) == .json {
            throw ValidationError("render writes dot, svg, png or pdf; json describes graphs built by expr and mlp")
        }
    }

    func run() throws {
        try output.checkDestination()
        let source = file.flatMap { $0 == "-" ? nil : $0 }
        let dot = try source.map(input.file) ?? input.standardInput(what: "DOT")
        guard !dot.allSatisfy(\.isWhitespace) else { throw ToolError.badInput("no DOT to render: the input is empty") }
        let format = try output.resolvedFormat(default: .svg)
        var request = PictureRequest(format: format, nodeLimit: force ? .max : maxNodes, budget: limits.budget(filesAllowed: allowFiles))
        request.standalone = output.standalone
        let rendering: Rendering
        do {
            rendering = try Picture.draw(dot: dot, engine: engine, request)
        } catch {
            throw ToolError.picture(error, subject: "\(source ?? "stdin"): the graph", advice: "use --force to lay it out anyway",
                                    file: source ?? "stdin")
        }
        if let note = rendering.note { Output.note(note) }
        try Output.write(rendering.bytes, to: output.out, format: format)
        if let out = output.out { Output.note("wrote \(out)") }
    }
}
