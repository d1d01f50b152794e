import Micrograd

/// A 2-input network's decision boundary over its training data, as micrograd's demo draws it
/// (`contourf` of `score > 0`, the points on top), but on a fine grid with smooth edges.
///
/// The region where the score is positive is filled cell by cell by marching squares: each
/// cell of the grid gets the part of it where the linear interpolation of its corners' scores
/// is positive, so the edge is a polyline through the interpolated zero crossings rather than
/// a staircase. Rows of wholly positive cells are merged into one rectangle each.
public struct BoundaryPlot: Sendable {
    /// The heading above the plot.
    public var title: String
    /// The scores on the grid's nodes (`resolution + 1` per axis over the data's box ± 1).
    public let grid: DecisionGrid
    /// The training points and their targets (> 0 is the positive class).
    public let dataset: Dataset

    /// Evaluates `model` on a `resolution` × `resolution`-cell grid over the box of `dataset`'s
    /// points widened by `margin` on every side (the notebook's box: ± 1).
    public init(model: MLP, dataset: Dataset, resolution: Int = 150, margin: Double = 1,
                title: String = "Decision boundary") {
        precondition(resolution >= 1 && dataset.inputCount == 2 && !dataset.xs.isEmpty, "a boundary plot needs 2-D points")
        func axis(_ k: Int) -> [Double] {
            let values = dataset.xs.map { $0[k] }
            let (lo, hi) = (values.min()! - margin, values.max()! + margin)
            return (0...resolution).map { lo + (hi - lo) * Double($0) / Double(resolution) }
        }
        self.grid = DecisionGrid(model: model, xs: axis(0), ys: axis(1))
        self.dataset = dataset
        self.title = title
    }

    /// Fill of the region where the score is ≤ 0 (class −1), and its points.
    static let negativeColours = (region: "#f6b89a", point: "#b2182b")
    /// Fill of the region where the score is > 0 (class +1), and its points.
    static let positiveColours = (region: "#a6cee3", point: "#1f5fa8")

    /// The plot as a standalone SVG document, `width` × `height` pixels (at least 240 × 240).
    /// The same inputs always give the same bytes.
    public func svg(width: Int = 600, height: Int = 560) -> String {
        let (w, h) = (Double(max(width, Int(PlotLayout.minimumWidth))), Double(max(height, Int(PlotLayout.minimumWidth))))
        let (xs, ys) = (grid.xs, grid.ys)
        let xAxis = Axis(scale: .linear, from: xs.first!, to: xs.last!)
        let yAxis = Axis(scale: .linear, from: ys.first!, to: ys.last!)
        let (xTicks, yTicks) = (xAxis.ticks, yAxis.ticks)
        let yLabelChars = yTicks.compactMap(\.label).map(\.count).max() ?? 1
        let (left, right) = (PlotLayout.boundaryLeftMargin + PlotLayout.charWidth * Double(yLabelChars), w - PlotLayout.boundaryRightMargin)
        let (top, bottom) = (PlotLayout.topMargin, h - PlotLayout.boundaryBottomMargin)
        let px = { (x: Double) in left + xAxis.fraction(x) * (right - left) }
        let py = { (y: Double) in bottom - yAxis.fraction(y) * (bottom - top) }
        let n = Chart.number
        let positive = Self.positiveColours.region

        var out = Chart.header(width: w, height: h, title: title) + [
            Chart.element("rect", ["class": "negative-region", "x": n(left), "y": n(top), "width": n(right - left),
                                   "height": n(bottom - top), "fill": Self.negativeColours.region]),
            // A hairline stroke of the fill's own colour hides the seams anti-aliasing leaves between cells.
            Chart.start("g", ["class": "positive-region", "fill": positive, "stroke": positive, "stroke-width": "0.6",
                              "stroke-linejoin": "round"]),
        ]
        let columns = xs.count
        func score(_ i: Int, _ j: Int) -> Double { grid.scores[j * columns + i] }
        for j in 0..<(ys.count - 1) {
            var runStart: Int?
            func closeRun(at end: Int) {
                guard let start = runStart else { return }
                out.append(Chart.element("rect", ["x": n(px(xs[start])), "y": n(py(ys[j + 1])),
                                                  "width": n(px(xs[end]) - px(xs[start])),
                                                  "height": n(py(ys[j]) - py(ys[j + 1]))]))
                runStart = nil
            }
            for i in 0..<(columns - 1) {
                // Corners counter-clockwise from the bottom left.
                let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
                let values = corners.map { score($0.0, $0.1) }
                if values.allSatisfy({ $0 > 0 }) {
                    if runStart == nil { runStart = i }
                    continue
                }
                closeRun(at: i)
                guard values.contains(where: { $0 > 0 }) else { continue }
                var polygon: [(Double, Double)] = []
                for k in 0..<4 {
                    let (a, b) = (corners[k], corners[(k + 1) % 4])
                    let (sa, sb) = (values[k], values[(k + 1) % 4])
                    if sa > 0 { polygon.append((xs[a.0], ys[a.1])) }
                    if (sa > 0) != (sb > 0) {
                        let t = sa.isFinite && sb.isFinite && sa != sb ? sa / (sa - sb) : 0.5
                        polygon.append((xs[a.0] + t * (xs[b.0] - xs[a.0]), ys[a.1] + t * (ys[b.1] - ys[a.1])))
                    }
                }
                let points = polygon.map { "\(n(px($0.0))),\(n(py($0.1)))" }.joined(separator: " ")
                out.append(Chart.element("polygon", ["points": points]))
            }
            closeRun(at: columns - 1)
        }
        out.append("</g>")

        out.append(Chart.element("rect", ["class": "frame", "x": n(left), "y": n(top), "width": n(right - left),
                                          "height": n(bottom - top), "fill": "none", "stroke": "#444444"]))
        out.append(Chart.start("g", ["class": "ticks", "stroke": "#444444"]))
        for t in xTicks {
            let x = px(t.position)
            out.append(Chart.element("line", ["x1": n(x), "y1": n(bottom), "x2": n(x), "y2": n(bottom + PlotLayout.tickLength)]))
            if let label = t.label {
                out.append(Chart.element("text", ["x": n(x), "y": n(bottom + PlotLayout.xTickLabelDrop), "text-anchor": "middle",
                                                  "stroke": "none", "fill": "#222222"], text: label))
            }
        }
        for t in yTicks {
            let y = py(t.position)
            out.append(Chart.element("line", ["x1": n(left - PlotLayout.tickLength), "y1": n(y), "x2": n(left), "y2": n(y)]))
            if let label = t.label {
                out.append(Chart.element("text", ["x": n(left - PlotLayout.yTickLabelGap), "y": n(y + PlotLayout.tickLabelCentring), "text-anchor": "end",
                                                  "stroke": "none", "fill": "#222222"], text: label))
            }
        }
        out.append("</g>")
        out.append(Chart.element("text", ["class": "x-label", "x": n((left + right) / 2), "y": n(bottom + PlotLayout.xLabelDrop),
                                          "text-anchor": "middle", "font-size": "13"], text: "x0"))
        out.append(Chart.element("text", ["class": "y-label", "transform": "translate(\(n(PlotLayout.boundaryYLabelX)) \(n((top + bottom) / 2))) rotate(-90)",
                                          "text-anchor": "middle", "font-size": "13"], text: "x1"))

        out.append(Chart.start("g", ["class": "points", "stroke": "#222222", "stroke-width": "0.8"]))
        for (x, y) in zip(dataset.xs, dataset.ys) {
            let colour = y > 0 ? Self.positiveColours.point : Self.negativeColours.point
            out.append(Chart.element("circle", ["class": y > 0 ? "positive" : "negative", "cx": n(px(x[0])),
                                                "cy": n(py(x[1])), "r": n(PlotLayout.pointRadius), "fill": colour]))
        }
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}
