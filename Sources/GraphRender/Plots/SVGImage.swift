#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A standalone SVG document (a plot) turned into PNG or PDF by the in-process Graphviz: the
/// SVG goes to a temporary file, which a one-node graph shows as its `image` (Graphviz's rsvg
/// loader draws it through cairo), and that graph is rendered to the format asked for.
public enum SVGImage {
    /// The formats `render(_:format:)` makes.
    public static let formats: Set<String> = ["png", "pdf"]

    /// `svg` rendered to `format` (png or pdf); the temporary file is removed before returning.
    public static func render(_ svg: String, format: String) throws(GraphvizError) -> [UInt8] {
        guard formats.contains(format) else { throw GraphvizError("a plot is drawn as svg, png or pdf, not \(format)") }
        var template = Array("\(temporaryDirectory())/micrograd-viz-plot-XXXXXX.svg".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { throw GraphvizError("cannot create a temporary file for the plot: \(String(cString: strerror(errno)))") }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let bytes = Array(svg.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw GraphvizError("cannot write the plot's temporary file \(path)") }
        let dot = "digraph { graph [pad=0 margin=0]; node [shape=none label=\"\" margin=0 image=\"\(path)\"]; plot }"
        return try Graphviz.render(dot: dot, format: format, budget: RenderBudget(filesAllowed: true)).bytes  // our own file, by design
    }

    /// `$TMPDIR`, else `/tmp`.
    private static func temporaryDirectory() -> String {
        guard let dir = getenv("TMPDIR"), dir.pointee != 0 else { return "/tmp" }
        return String(cString: dir)
    }
}
