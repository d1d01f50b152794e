#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GraphRender
import Micrograd

/// The last step of `expr` and `mlp`: draw the roots as asked and write the result.
enum Picture {
    static func write(_ roots: [Value], picture: PictureOptions, output: OutputOptions, limits: BudgetOptions,
                      depth: Depth? = nil) throws {
        let format = try output.resolvedFormat(default: .dot)
        let rendering: Rendering
        do {
            rendering = try Drawing.draw(roots, stage: picture.stage, format: format,
                                         options: picture.dotOptions(depth: depth ?? .op), maxNodes: picture.nodeLimit,
                                         budget: limits.budget())
        } catch {
            let drawLess = depth == .op ? "draw less with --depth neuron or --depth layer, or " : ""
            throw ToolError.drawing(error, advice: drawLess + "use --force to draw it anyway (or --json for the numbers)")
        }
        if let note = rendering.note { Output.note(note) }
        if roots.contains(where: { !$0.data.isFinite }) {
            Output.note("the result is \(NumberFormat.fixed(roots.first { !$0.data.isFinite }!.data, precision: 0)): nan/inf flows through the graph as IEEE arithmetic gives it")
        }
        try Output.write(rendering.bytes, to: output.out, format: format)
        if let out = output.out { Output.note("wrote \(out)") }
    }
}

/// Reading all of stdin as UTF-8 text.
enum StandardInput {
    static func readText(what: String) throws -> String {
        guard let bytes = System.readAll(STDIN_FILENO) else {
            throw ToolError.cannotRead("cannot read the \(what) from stdin: \(System.errorText(errno))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ToolError.badInput("the \(what) on stdin is not UTF-8 text")
        }
        return text
    }
}
