import CGraphviz
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Limits that keep libgvc's cairo and pango from crashing the process, printing to stderr, or
// allocating gigabytes: checked on a parsed or laid-out graph, under the Graphviz lock.

/// The largest font size accepted, in points: Pango warns on stderr from about 100,000 pt, and from about
/// 10,000,000 pt cairo's PDF surface aborts the process.
let maxFontSize = 10_000.0

/// The largest text cairo is asked to draw in a vector file (font size × zoom × dpi / 72, in points): past
/// about 200,000 pt it reports "out of memory" on stderr and writes a broken file, or aborts.
let maxDrawnFontSize = 50_000.0

/// The largest `fontsize` or `labelfontsize` of the graph, its clusters, nodes and edges (14, Graphviz's
/// default, if none is larger); throws if one is larger than `maxFontSize`.
func largestFontSize(_ graph: UnsafeMutablePointer<Agraph_t>) throws(GraphvizError) -> Double {
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
func checkScale(_ graph: UnsafeMutablePointer<Agraph_t>, format: String, fontSize: Double) throws(GraphvizError) {
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
func points(_ x: Double) -> String {
    abs(x) < 1e15 ? String(Int(x.rounded())) : "\(x)"
}

/// The factor the graph's `size` attribute scales the drawing by (1 when it does not), as Graphviz computes it.
func zoom(_ graph: UnsafeMutablePointer<Agraph_t>) -> Double {
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
let maxBitmapSide = 32_766

/// When a bitmap of the laid-out `graph` would exceed `maxPixels` pixels (or `maxBitmapSide` on a side),
/// a lower dpi that fits, with the resulting size; nil when the graph fits as it is.
///
/// Size in pixels, as Graphviz computes it: (bounding box + 4 pt padding each side) × zoom × dpi / 72,
/// rounded, where zoom comes from the graph's `size` attribute and dpi defaults to 96. A graph that sets
/// its own `pad` or `margin` comes out larger than this estimate.
func fittingDPI(_ graph: UnsafeMutablePointer<Agraph_t>, maxPixels: Int) throws(GraphvizError) -> (dpi: Double, width: Int, height: Int)? {
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
