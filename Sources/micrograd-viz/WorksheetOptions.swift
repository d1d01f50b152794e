import ArgumentParser
import GraphRender
import Micrograd

/// `--worksheet FILE.pdf|.svg [--answers]`: also write an A4 worksheet (grads to fill in), or its key.
struct WorksheetOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also write an A4 worksheet: the graph with every grad an empty box, and the empty table of `explain` under it.",
        valueName: "file.pdf|file.svg"))
    var worksheet: String?

    @Flag(help: "With --worksheet: the answer key, the same page with every grad and rule filled in.")
    var answers = false

    func validate() throws {
        guard let worksheet else {
            if answers { throw ValidationError("--answers fills in a worksheet: add --worksheet FILE.pdf") }
            return
        }
        guard let format = OutputFormat(path: worksheet), format == .pdf || format == .svg else {
            throw ValidationError("--worksheet '\(worksheet)' must end in .pdf or .svg")
        }
        if System.isDirectory(worksheet) { throw ValidationError("--worksheet '\(worksheet)' is a directory; give a file name") }
    }

    /// Fails before any work when the sheet cannot be written.
    func checkDestination() throws {
        if let worksheet { try AtomicFile.checkWritable(worksheet) }
    }

    /// Draws and writes the sheet, when asked for.
    func write(_ roots: [Value], picture: PictureOptions, depth: Depth = .op, budget: RenderBudget) throws {
        guard let worksheet else { return }
        let format: OutputFormat = OutputFormat(path: worksheet) == .svg ? .svg : .pdf
        let sheet: Rendering
        do {
            sheet = try GraphRender.Worksheet.draw(roots, picture.request(format, depth: depth, budget: budget), answers: answers)
        } catch {
            throw ToolError.picture(error, subject: "the worksheet's picture", advice: "use --depth neuron or --force")
        }
        try AtomicFile.write(sheet.bytes, to: worksheet)
        Output.note("wrote \(worksheet)")
    }
}
