#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GraphRender
import Micrograd

/// The last step of `expr` and `mlp`: the picture the options ask for, and the walkthrough page
/// when asked, written only when both were made.
enum PictureOutput {
    static func write(_ roots: [Value], picture: PictureOptions, output: OutputOptions,
                      walkthrough: WalkthroughOptions, depth: Depth? = nil) throws {
        let format = try output.resolvedFormat(default: .dot)
        let drawLess = depth == .op ? "draw less with --depth neuron or --depth layer, or " : ""
        let rendering: Rendering
        do {
            var request = picture.request(format, depth: depth ?? .op)
            request.standalone = output.standalone
            rendering = try GraphRender.Picture.draw(roots, request)
        } catch {
            throw ToolError.picture(error, advice: drawLess + "use --force to draw it anyway (or --json for the numbers)")
        }
        let page = try walkthrough.page(roots, picture: picture)
        if let note = rendering.note { Output.note(note) }
        if let bad = roots.first(where: { !$0.data.isFinite }) {
            Output.note("the result is \(NumberFormat.fixed(bad.data, precision: 0)): nan/inf flows through the graph as IEEE arithmetic gives it")
        }
        try Output.write(rendering.bytes, to: output.out, format: format)
        if let out = output.out { Output.note("wrote \(out)") }
        try walkthrough.write(page)
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
