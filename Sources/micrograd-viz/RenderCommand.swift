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

            Examples:
              micrograd-viz render graph.dot --out graph.png
              micrograd-viz mlp 3,4,4,1 | micrograd-viz render --pdf > mlp.pdf
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

    @OptionGroup(title: "Output") var output: OutputOptions

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
        let dot = try source.map(Self.read) ?? StandardInput.readText(what: "DOT")
        guard !dot.allSatisfy(\.isWhitespace) else { throw ToolError.badInput("no DOT to render: the input is empty") }
        let format = try output.resolvedFormat(default: .svg)
        var request = PictureRequest(format: format, nodeLimit: force ? .max : maxNodes)
        request.standalone = output.standalone
        let rendering: Rendering
        do {
            rendering = try Picture.draw(dot: dot, engine: engine, request)
        } catch .graphviz(let error) {
            throw ToolError.badInput("\(source ?? "stdin"): \(error)")
        } catch {
            throw ToolError.picture(error, subject: "\(source ?? "stdin"): the graph", advice: "use --force to lay it out anyway")
        }
        if let note = rendering.note { Output.note(note) }
        try Output.write(rendering.bytes, to: output.out, format: format)
        if let out = output.out { Output.note("wrote \(out)") }
    }

    /// The text of a DOT file.
    private static func read(_ file: String) throws -> String {
        if System.isDirectory(file) {
            throw ToolError.cannotRead("cannot read '\(file)': it is a directory")
        }
        guard let data = System.readFile(file) else {
            throw ToolError.cannotRead("cannot read '\(file)': no such file or not readable")
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw ToolError.badInput("'\(file)' is not UTF-8 text") }
        return text
    }
}
