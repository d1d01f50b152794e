import GraphRender
import Micrograd

/// The last step of `expr` and `mlp`: the picture the options ask for, and the walkthrough page
/// when asked, written only when both were made.
enum PictureOutput {
    static func write(_ roots: [Value], picture: PictureOptions, output: OutputOptions,
                      walkthrough: WalkthroughOptions, limits: BudgetOptions, depth: Depth? = nil) throws {
        let format = try output.resolvedFormat(default: .dot)
        let drawLess = depth == .op ? "draw less with --depth neuron or --depth layer, or " : ""
        let rendering: Rendering
        do {
            var request = picture.request(format, depth: depth ?? .op, budget: limits.budget())
            request.standalone = output.standalone
            rendering = try GraphRender.Picture.draw(roots, request)
        } catch {
            throw ToolError.picture(error, advice: drawLess + "use --force to draw it anyway (or --json for the numbers)")
        }
        let page = try walkthrough.page(roots, picture: picture, budget: limits.budget())
        if let note = rendering.note { Output.note(note) }
        if let bad = roots.first(where: { !$0.data.isFinite }) {
            Output.note("the result is \(NumberFormat.fixed(bad.data, precision: 0)): nan/inf flows through the graph as IEEE arithmetic gives it")
        }
        try Output.write(rendering.bytes, to: output.out, format: format)
        if let out = output.out { Output.note("wrote \(out)") }
        try walkthrough.write(page)
    }
}
