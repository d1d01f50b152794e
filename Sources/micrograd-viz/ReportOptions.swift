import ArgumentParser
import GraphRender

/// How `train` and `gradcheck` print their results: a table for people or JSON for scripts.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--format text|json` (or `--json`), and `--plot FILE.svg`.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("text (a table, the default) or json.", valueName: "name"))
    var format: ReportFormat?

    @Flag(help: "Shorthand for --format json.")
    var json = false

    @Option(help: ArgumentHelp("Also draw the curves to an SVG file.", valueName: "file.svg"))
    var plot: String?

    var resolvedFormat: ReportFormat { json ? .json : format ?? .text }

    func validate() throws {
        if json && format == .text { throw ValidationError("--json and --format text do not go together") }
        if let plot {
            guard OutputFormat(path: plot) == .svg else { throw ValidationError("--plot writes SVG: give a file ending in .svg, not '\(plot)'") }
        }
    }

    /// Fails before any work when the plot file cannot be written.
    func checkDestination() throws {
        if let plot { try AtomicFile.checkWritable(plot) }
    }
}
