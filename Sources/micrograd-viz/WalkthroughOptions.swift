import ArgumentParser
import GraphRender
import Micrograd

/// `--walkthrough FILE.html`: also write a page that plays the forward and backward pass step by step.
struct WalkthroughOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also write a self-contained HTML page that plays the forward and backward pass step by step.",
        valueName: "file.html"))
    var walkthrough: String?

    @Flag(help: "Make the walkthrough a quiz: each backward step asks for the grads it changes, checks them and keeps a score.")
    var quiz = false

    func validate() throws {
        guard let walkthrough else {
            if quiz { throw ValidationError("--quiz makes the walkthrough a quiz: add --walkthrough FILE.html") }
            return
        }
        guard ["html", "htm"].contains(Path.fileExtension(of: walkthrough).lowercased()) else {
            throw ValidationError("--walkthrough '\(walkthrough)' must end in .html or .htm")
        }
        if System.isDirectory(walkthrough) {
            throw ValidationError("--walkthrough '\(walkthrough)' is a directory; give a file name")
        }
    }

    /// Fails before any work when the page cannot be written.
    func checkDestination() throws {
        if let walkthrough { try AtomicFile.checkWritable(walkthrough) }
    }

    /// The page for `roots`, when asked for. Like the picture, it is refused past `--max-nodes`
    /// unless `--force`.
    func page(_ roots: [Value], picture: PictureOptions, budget: RenderBudget) throws -> String? {
        guard walkthrough != nil else { return nil }
        do {
            return try GraphRender.Picture.walkthrough(roots, picture.request(.svg, budget: budget), quiz: quiz)
        } catch {
            throw ToolError.picture(error, subject: "the walkthrough's picture", advice: "use --force to draw it anyway")
        }
    }

    /// Writes `page` (atomically) to the `--walkthrough` file, when there is one.
    func write(_ page: String?) throws {
        guard let walkthrough, let page else { return }
        try AtomicFile.write(Array(page.utf8), to: walkthrough)
        Output.note("wrote \(walkthrough)")
    }
}
