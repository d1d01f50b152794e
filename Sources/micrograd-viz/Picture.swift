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
