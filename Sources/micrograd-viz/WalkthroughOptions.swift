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

    /// The page for `roots`, when asked for (nil otherwise). The page replays backward from zero
    /// grads on its own and leaves the graph's grads alone, so it may come before or after the
    /// picture. Like the picture, it is refused past `--max-nodes` unless `--force`; it fails
    /// early when the page's file cannot be written.
    func page(_ roots: [Value], picture: PictureOptions) throws -> String? {
        guard let walkthrough else { return nil }
        try AtomicFile.checkWritable(walkthrough)
        do {
            return try Walkthrough(roots).html(options: picture.dotOptions(), maxNodes: picture.nodeLimit)
        } catch {
            throw ToolError.drawing(error, subject: "the walkthrough's picture", advice: "use --force to draw it anyway")
        }
    }

    /// Writes `page` (atomically) to the `--walkthrough` file, when there is one.
    func write(_ page: String?) throws {
        guard let walkthrough, let page else { return }
        try AtomicFile.write(Array(page.utf8), to: walkthrough)
        Output.note("wrote \(walkthrough)")
    }
}
