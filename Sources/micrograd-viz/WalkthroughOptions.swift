import ArgumentParser
import GraphRender
import Micrograd

/// `--walkthrough FILE.html`: also write a page that plays the forward and backward pass step by step.
struct WalkthroughOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also write a self-contained HTML page that plays the forward and backward pass step by step.",
        valueName: "file.html"))
    var walkthrough: String?

    func validate() throws {
        guard let walkthrough else { return }
        guard ["html", "htm"].contains(Path.fileExtension(of: walkthrough).lowercased()) else {
            throw ValidationError("--walkthrough '\(walkthrough)' must end in .html or .htm")
        }
        if System.isDirectory(walkthrough) {
            throw ValidationError("--walkthrough '\(walkthrough)' is a directory; give a file name")
        }
    }

    /// Writes the page for `roots` (atomically), when asked for. The page replays backward from
    /// zero grads on its own and leaves the graph's grads alone, so it may come before or after
    /// the picture. Like the picture, it is refused past `--max-nodes` unless `--force`.
    func write(_ roots: [Value], picture: PictureOptions) throws {
        guard let walkthrough else { return }
        let walk = Walkthrough(roots)
        let count = DOTWriter.nodeCount(walk.snapshot, depth: .op)
        guard count <= picture.nodeLimit else {
            throw ToolError.badInput("the walkthrough's picture has \(count) nodes, more than the limit of \(picture.nodeLimit): use --force to draw it anyway")
        }
        let html: String
        do { html = try walk.html(options: picture.dotOptions()) } catch {
            throw ToolError.graphviz("Graphviz failed: \(error)")
        }
        try AtomicFile.write(Array(html.utf8), to: walkthrough)
        Output.note("wrote \(walkthrough)")
    }
}
