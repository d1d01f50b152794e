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
        let html: String
        do {
            html = try Walkthrough(roots).html(options: picture.dotOptions(), maxNodes: picture.nodeLimit)
        } catch {
            throw ToolError.drawing(error, subject: "the walkthrough's picture", advice: "use --force to draw it anyway")
        }
        try AtomicFile.write(Array(html.utf8), to: walkthrough)
        Output.note("wrote \(walkthrough)")
    }
}
