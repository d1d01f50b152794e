import CGraphviz
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure reported by Graphviz, as one line of text (never printed by us to stderr).
public struct GraphvizError: Error, CustomStringConvertible, Equatable {
    /// What went wrong, on one line, e.g. "syntax error in line 1 near 'x'".
    public let message: String
    /// The message itself.
    public var description: String { message }

    /// An error with this (already clean) message.
    init(_ message: String) { self.message = message }
}

/// The output of a render: the bytes, and a note when the picture was scaled down.
public struct Rendering: Sendable {
    /// The rendered file (SVG text, PNG or PDF bytes, ...).
    public let bytes: [UInt8]
    /// Set when a bitmap was rendered at a lower dpi to stay under the pixel cap.
    public let note: String?
}

/// In-process Graphviz (libgvc). libgvc is not thread-safe, so every call into it goes through `lock`.
public enum Graphviz {
    /// Output formats this build accepts (at least "svg", "png", "pdf", "dot", "xdot", "json", "plain").
    ///
    /// Only formats that write a file are offered (never viewers such as "x11" or "gtk").
    public static let formats: [String] = {
        let available = Set(pluginNames("device"))
        return ["svg", "png", "jpg", "gif", "webp", "pdf", "ps", "eps",
                "dot", "canon", "xdot", "json", "plain", "plain-ext"].filter(available.contains)
    }()

    /// Layout engines this build has ("dot", "neato", ...).
    public static let engines = pluginNames("layout")

    /// Formats rendered as bitmaps, whose size is capped.
    private static let bitmapFormats: Set<String> = ["png", "jpg", "gif", "webp"]

    /// Lays out DOT text with `engine` and renders it to `format`, in-process. Graphs of more than
    /// `maxNodes` nodes are refused before layout (which can take hours on huge graphs).
    ///
    /// Bitmap formats (png) are capped at `maxPixels` total pixels: if the layout would be larger,
    /// the graph is re-rendered at a lower dpi so it fits, and `note` says so
    /// ("scaled to W×H px to stay under N pixels").
    public static func render(
        dot: String, format: String, engine: String = "dot", maxPixels: Int = 40_000_000, maxNodes: Int = .max
    ) throws(GraphvizError) -> Rendering {
        guard formats.contains(format) else { throw GraphvizError("unknown output format \"\(format)\"") }
        guard engines.contains(engine) else { throw GraphvizError("unknown layout engine \"\(engine)\"") }
        return try withGraphviz { gvc throws(GraphvizError) in
            let graph = try parse(dot)
            defer { agclose(graph) }
            let nodes = Int(agnnodes(graph))
            guard nodes <= maxNodes else {
                throw GraphvizError("the graph has \(nodes) nodes, more than the limit of \(maxNodes)")
            }
            defer { gvFreeLayout(gvc, graph) }  // runs before agclose; harmless when there is no layout
            let fontSize = try largestFontSize(graph)
            try layout(gvc, graph, engine)
            try checkScale(graph, format: format, fontSize: fontSize)
            var note: String?
            if bitmapFormats.contains(format), let fit = try fittingDPI(graph, maxPixels: maxPixels) {
                gv_set(graph, "dpi", String(fit.dpi))
                gvFreeLayout(gvc, graph)
                try layout(gvc, graph, engine)
                note = "scaled to \(fit.width)×\(fit.height) px to stay under \(maxPixels) pixels"
            }
            return Rendering(bytes: try renderData(gvc, graph, format), note: note)
        }
    }

    /// Parses DOT text and checks it with zero Graphviz errors (no layout); throws the first error message.
    public static func validate(dot: String) throws(GraphvizError) {
        try withGraphviz { _ throws(GraphvizError) in
            let graph = try parse(dot)
            agclose(graph)
        }
    }
}

// MARK: - Locked access

/// The process-wide lock around every Graphviz call, guarding the one context (created on first use).
private let lock = Mutex<OpaquePointer?>(nil)

/// One message Graphviz reported: its level and its text.
private struct Report {
    var isError: Bool
    var text: String
}

/// Messages reported since the last reset. Written by `collect`, which Graphviz calls while we hold `lock`.
nonisolated(unsafe) private var reports: [Report] = []

/// The Graphviz error callback. A message comes in pieces: "Error" or "Warning", then ": ", then the
/// text, possibly followed by continuation pieces.
private func collect(_ piece: UnsafeMutablePointer<CChar>?) -> Int32 {
    let piece = piece.map { String(cString: $0) } ?? ""
    switch piece {
    case "Error", "Warning":
        reports.append(Report(isError: piece == "Error", text: ""))
    case ": " where reports.last?.text.isEmpty == true:
        break
    default:
        if reports.isEmpty { reports.append(Report(isError: false, text: "")) }
        reports[reports.count - 1].text += piece
    }
    return 0
}

/// Runs `body` under the lock with the shared context, with Graphviz's error state reset.
private func withGraphviz<Result: Sendable>(
    _ body: (OpaquePointer) throws(GraphvizError) -> Result
) throws(GraphvizError) -> Result {
    try lock.withLock { (context) throws(GraphvizError) -> Result in
        if context == nil {
            _ = agseterrf(collect)
            context = gvContext()
        }
        guard let gvc = context else { throw GraphvizError("could not create a Graphviz context") }
        agreseterrors()
        reports.removeAll()
        return try body(gvc)
    }
}

/// The first error Graphviz reported (or else its first message, or else `fallback`), on one clean line.
private func failure(_ fallback: String) -> GraphvizError {
    let report = reports.first(where: \.isError) ?? reports.first
    let line = (report?.text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return GraphvizError(line.isEmpty ? fallback : line)
}

// MARK: - Steps of a render (call only under the lock)

/// The names of the installed plugins of one kind ("device", "layout", ...).
private func pluginNames(_ kind: String) -> [String] {
    let names = try? withGraphviz { gvc throws(GraphvizError) -> [String] in
        var count: Int32 = 0
        guard let list = gvPluginList(gvc, kind, &count, nil) else { return [] }
        defer { free(list) }
        return (0..<Int(count)).compactMap { index in
            guard let name = list[index] else { return nil }
            defer { free(name) }
            return String(cString: name)
        }
    }
    return names ?? []
}

/// Reads one graph from DOT text; the caller closes it.
private func parse(_ dot: String) throws(GraphvizError) -> UnsafeMutablePointer<Agraph_t> {
    let graph = agmemread(dot)
    aglexbad()
    guard let graph, agerrors() == 0 else {
        if let graph { agclose(graph) }
        throw failure("no graph found in the DOT text")
    }
    return graph
}

/// Lays out `graph` with `engine`; the caller frees the layout.
private func layout(_ gvc: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, _ engine: String) throws(GraphvizError) {
    guard gvLayout(gvc, graph, engine) == 0, agerrors() == 0 else { throw failure("layout with \(engine) failed") }
}

/// Renders a laid-out graph to `format`, freeing Graphviz's buffer on every path.
private func renderData(_ gvc: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, _ format: String) throws(GraphvizError) -> [UInt8] {
    var buffer: UnsafeMutablePointer<CChar>?
    var length: UInt32 = 0
    let status = gvRenderData(gvc, graph, format, &buffer, &length)
    defer { gvFreeRenderData(buffer) }
    guard status == 0, agerrors() == 0, let buffer else { throw failure("rendering to \(format) failed") }
    return Array(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
}

/// The largest font size accepted, in points: Pango warns on stderr from about 100,000 pt, and from about
/// 10,000,000 pt cairo's PDF surface aborts the process.
private let maxFontSize = 10_000.0

/// The largest text cairo is asked to draw in a vector file (font size × zoom × dpi / 72, in points): past
/// about 200,000 pt it reports "out of memory" on stderr and writes a broken file, or aborts.
private let maxDrawnFontSize = 50_000.0

/// The largest `fontsize` or `labelfontsize` of the graph, its clusters, nodes and edges (14, Graphviz's
/// default, if none is larger); throws if one is larger than `maxFontSize`.
private func largestFontSize(_ graph: UnsafeMutablePointer<Agraph_t>) throws(GraphvizError) -> Double {
    var largest = 14.0
    func check(_ value: UnsafeMutablePointer<CChar>?) throws(GraphvizError) {
        guard let value, value.pointee != 0 else { return }
        let size = strtod(value, nil)
        if size > maxFontSize {
            throw GraphvizError("font size \(String(cString: value)) is too large: at most \(points(maxFontSize)) points")
        }
        if size > largest { largest = size }
    }
    func symbol(_ kind: Int32, _ name: String) -> UnsafeMutablePointer<Agsym_t>? {
        name.withCString { agattr(graph, kind, UnsafeMutablePointer(mutating: $0), nil) }
    }
    if let size = symbol(Int32(AGRAPH), "fontsize") {
        var pending = [graph]  // the graph and its subgraphs, without recursion
        while let g = pending.popLast() {
            try check(agxget(UnsafeMutableRawPointer(g), size))
            var sub = agfstsubg(g)
            while let s = sub { pending.append(s); sub = agnxtsubg(s) }
        }
    }
    let nodeSize = symbol(Int32(AGNODE), "fontsize")
    let edgeSizes = [symbol(Int32(AGEDGE), "fontsize"), symbol(Int32(AGEDGE), "labelfontsize")].compactMap { $0 }
    guard nodeSize != nil || !edgeSizes.isEmpty else { return largest }
    var node = agfstnode(graph)
    while let n = node {
        if let nodeSize { try check(agxget(UnsafeMutableRawPointer(n), nodeSize)) }
        var edge = edgeSizes.isEmpty ? nil : agfstout(graph, n)
        while let e = edge {
            for sym in edgeSizes { try check(agxget(UnsafeMutableRawPointer(e), sym)) }
            edge = agnxtout(graph, e)
        }
        node = agnxtnode(graph, n)
    }
    return largest
}

/// Throws when the laid-out graph asks for a negative dpi (which Graphviz uses as it is, drawing a
/// mirrored, giant picture), or, in PDF and PostScript, for text larger than `maxDrawnFontSize`.
private func checkScale(_ graph: UnsafeMutablePointer<Agraph_t>, format: String, fontSize: Double) throws(GraphvizError) {
    let dpi = gv_drawing(graph).pointee.dpi
    if dpi < 0 { throw GraphvizError("dpi \(points(dpi)) is negative: give a positive number") }
    guard ["pdf", "ps", "eps"].contains(format) else { return }
    let drawn = fontSize * zoom(graph) * (dpi > 0 ? dpi : 72) / 72
    if drawn > maxDrawnFontSize {
        throw GraphvizError("the text would be drawn \(points(drawn)) points tall (font size × zoom × dpi / 72), "
                            + "more than the \(points(maxDrawnFontSize)) \(format) allows: lower dpi, size or fontsize")
    }
}

/// A number as a whole number when it is one of moderate size (`-5`, `58333`), else as Swift prints it.
private func points(_ x: Double) -> String {
    abs(x) < 1e15 ? String(Int(x.rounded())) : "\(x)"
}

/// The factor the graph's `size` attribute scales the drawing by (1 when it does not), as Graphviz computes it.
private func zoom(_ graph: UnsafeMutablePointer<Agraph_t>) -> Double {
    let box = gv_bb(graph), drawing = gv_drawing(graph).pointee
    let points = (x: box.UR.x - box.LL.x + 8, y: box.UR.y - box.LL.y + 8)
    if drawing.size.x > 0.001, drawing.size.y > 0.001,
       drawing.size.x < points.x || drawing.size.y < points.y
        || (drawing.filled != 0 && drawing.size.x > points.x && drawing.size.y > points.y) {
        return min(drawing.size.x / points.x, drawing.size.y / points.y)
    }
    return 1
}

/// The largest side cairo draws without rescaling on its own (and printing to stderr): it acts from 32,767 px.
private let maxBitmapSide = 32_766

/// When a bitmap of the laid-out `graph` would exceed `maxPixels` pixels (or `maxBitmapSide` on a side),
/// a lower dpi that fits, with the resulting size; nil when the graph fits as it is.
///
/// Size in pixels, as Graphviz computes it: (bounding box + 4 pt padding each side) × zoom × dpi / 72,
/// rounded, where zoom comes from the graph's `size` attribute and dpi defaults to 96. A graph that sets
/// its own `pad` or `margin` comes out larger than this estimate.
private func fittingDPI(_ graph: UnsafeMutablePointer<Agraph_t>, maxPixels: Int) throws(GraphvizError) -> (dpi: Double, width: Int, height: Int)? {
    let box = gv_bb(graph), drawing = gv_drawing(graph).pointee
    let points = (x: box.UR.x - box.LL.x + 8, y: box.UR.y - box.LL.y + 8)
    let zoom = zoom(graph)
    func pixels(_ dpi: Double) -> (width: Double, height: Double) {
        ((points.x * zoom * dpi / 72).rounded(), (points.y * zoom * dpi / 72).rounded())
    }
    func fits(_ size: (width: Double, height: Double)) -> Bool {
        size.width * size.height <= Double(maxPixels) && max(size.width, size.height) <= Double(maxBitmapSide)
    }
    let current = drawing.dpi > 0 ? drawing.dpi : 96
    let size = pixels(current)
    if fits(size) { return nil }
    // Scaled from 72 dpi when the graph's own dpi makes the size overflow (dpi=1e308).
    let (from, start) = (size.width * size.height).isFinite ? (current, size) : (72.0, pixels(72))
    let areaScale = (Double(max(maxPixels, 0)) / (start.width * start.height)).squareRoot()
    var dpi = from * min(areaScale, Double(maxBitmapSide) / max(start.width, start.height))
    while dpi >= 1, !fits(pixels(dpi)) { dpi *= 0.99 }
    guard dpi >= 1 else { throw GraphvizError("the graph does not fit in \(maxPixels) pixels even at 1 dpi") }
    let fitted = pixels(dpi)
    return (dpi, Int(fitted.width), Int(fitted.height))
}
