/// A point in data coordinates.
public struct Point: Sendable, Equatable {
    /// The horizontal data coordinate.
    public var x: Double
    /// The vertical data coordinate.
    public var y: Double
    /// The point (`x`, `y`).
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// One curve: a name for the legend and its points in data coordinates.
public struct Series: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The points, joined in this order.
    public var points: [Point]
    /// A curve called `name` through `points`.
    public init(name: String, points: [Point]) {
        self.name = name
        self.points = points
    }
}

/// How an axis maps data values to positions.
public enum Scale: Sendable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios; values ≤ 0 cannot be drawn.
    case log
}

/// A line chart: axes, ticks, labels, a legend when there is more than one series.
///
/// Points that cannot be drawn (NaN, ±inf, or ≤ 0 on a log axis) are skipped and break their
/// curve; a note under the plot counts them. The axes cover the drawable points.
public struct Chart: Sendable {
    /// The heading above the plot.
    public var title: String
    /// The caption under the horizontal axis.
    public var xLabel: String
    /// The caption beside the vertical axis.
    public var yLabel: String
    /// The horizontal axis's scale.
    public var xScale: Scale
    /// The vertical axis's scale.
    public var yScale: Scale
    /// The curves, drawn and listed in the legend in this order.
    public var series: [Series]

    /// A chart of `series` with the given captions and scales.
    public init(title: String, xLabel: String, yLabel: String, xScale: Scale = .linear,
                yScale: Scale = .linear, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
    }

    /// The chart as a standalone SVG document, `width` × `height` pixels (at least 240 × 180).
    ///
    /// The same chart always gives the same bytes; numbers carry at most 2 decimals and do
    /// not depend on the locale.
    public func svg(width: Int = 720, height: Int = 450) -> String {
        let (w, h) = (Double(max(width, Int(PlotLayout.minimumWidth))), Double(max(height, Int(PlotLayout.minimumHeight))))
        let runs = series.map(drawableRuns)
        let drawn = runs.flatMap { $0.joined() }
        let xAxis = Axis(scale: xScale, covering: drawn.map(\.x))
        let yAxis = Axis(scale: yScale, covering: drawn.map(\.y))
        let (xTicks, yTicks) = (xAxis.ticks, yAxis.ticks)
        let skipped = series.reduce(0) { $0 + $1.points.count } - drawn.count

        // Legend entries, names cut so that the legend stays within about a third of the width.
        let maxChars = Int((w / 3 - PlotLayout.legendSample) / PlotLayout.charWidth)
        let entries = runs.contains(where: \.isEmpty) || series.count > 1
            ? zip(series, runs).map { s, r in Self.truncated(s.name, to: maxChars) + (r.isEmpty ? " (no finite points)" : "") }
            : []
        let legendWidth = PlotLayout.legendSample + PlotLayout.charWidth * Double(entries.map(\.count).max() ?? 0)

        let yLabelChars = yTicks.compactMap(\.label).map(\.count).max() ?? 1
        let left = PlotLayout.leftMargin + PlotLayout.charWidth * Double(yLabelChars)
        let right = w - PlotLayout.rightMargin - (entries.isEmpty ? 0 : legendWidth + PlotLayout.legendGap)
        let (top, bottom) = (PlotLayout.topMargin, h - (skipped > 0 ? PlotLayout.bottomMarginWithNote : PlotLayout.bottomMargin))
        let px = { (x: Double) in left + xAxis.fraction(x) * (right - left) }
        let py = { (y: Double) in bottom - yAxis.fraction(y) * (bottom - top) }
        let n = Self.number

        var out = Self.header(width: w, height: h, title: title)

        // Grid lines, tick marks and tick labels; labels that would overlap their neighbour are dropped.
        out.append(Self.start("g", ["class": "grid", "stroke-width": "1"]))
        for t in xTicks {
            out.append(Self.element("line", ["x1": n(px(t.position)), "y1": n(top), "x2": n(px(t.position)), "y2": n(bottom),
                                             "stroke": t.label == nil ? "#f0f0f0" : "#dddddd"]))
        }
        for t in yTicks {
            out.append(Self.element("line", ["x1": n(left), "y1": n(py(t.position)), "x2": n(right), "y2": n(py(t.position)),
                                             "stroke": t.label == nil ? "#f0f0f0" : "#dddddd"]))
        }
        out.append("</g>")
        out.append(Self.element("rect", ["class": "frame", "x": n(left), "y": n(top), "width": n(right - left),
                                         "height": n(bottom - top), "fill": "none", "stroke": "#444444"]))
        out.append(Self.start("g", ["class": "ticks", "stroke": "#444444"]))
        var edge = -Double.infinity
        for t in xTicks {
            let x = px(t.position)
            out.append(Self.element("line", ["x1": n(x), "y1": n(bottom), "x2": n(x), "y2": n(bottom + PlotLayout.tickLength)]))
            let half = PlotLayout.charWidth * Double(t.label?.count ?? 0) / 2
            guard let label = t.label, x - half > edge + 8 else { continue }
            edge = x + half
            out.append(Self.element("text", ["x": n(x), "y": n(bottom + PlotLayout.xTickLabelDrop), "text-anchor": "middle",
                                             "stroke": "none", "fill": "#222222"], text: label))
        }
        edge = Double.infinity
        for t in yTicks {
            let y = py(t.position)
            out.append(Self.element("line", ["x1": n(left - PlotLayout.tickLength), "y1": n(y), "x2": n(left), "y2": n(y)]))
            guard let label = t.label, y + 6 < edge - 4 else { continue }
            edge = y - 6
            out.append(Self.element("text", ["x": n(left - PlotLayout.yTickLabelGap), "y": n(y + PlotLayout.tickLabelCentring), "text-anchor": "end",
                                             "stroke": "none", "fill": "#222222"], text: label))
        }
        out.append("</g>")
        out.append(Self.element("text", ["class": "x-label", "x": n((left + right) / 2), "y": n(bottom + PlotLayout.xLabelDrop),
                                         "text-anchor": "middle", "font-size": "13"], text: xLabel))
        out.append(Self.element("text", ["class": "y-label", "transform": "translate(\(n(PlotLayout.yLabelX)) \(n((top + bottom) / 2))) rotate(-90)",
                                         "text-anchor": "middle", "font-size": "13"], text: yLabel))

        // One path per series, `M` at the start of each run; dots on every point of a short series
        // and on isolated points, which a path alone would not show. Clipped to the plot, which
        // matters only for data beyond the axis clamp at ±4e307.
        out.append(Self.start("clipPath", ["id": "plot-area"]) + Self.element("rect", ["x": n(left), "y": n(top),
                   "width": n(right - left), "height": n(bottom - top)]) + "</clipPath>")
        out.append(Self.start("g", ["class": "curves", "clip-path": "url(#plot-area)"]))
        for (i, run) in runs.enumerated() {
            let (colour, dashes) = Self.style(i)
            let d = run.map { r in
                r.enumerated().map { k, p in "\(k == 0 ? "M" : "L")\(n(px(p.x))) \(n(py(p.y)))" }.joined(separator: " ")
            }.joined(separator: " ")
            out.append(Self.element("path", ["class": "curve", "d": d, "fill": "none", "stroke": colour, "stroke-width": "2",
                                             "stroke-linejoin": "round", "stroke-dasharray": dashes]))
            let dots = series[i].points.count <= 30 ? Array(run.joined()) : run.filter { $0.count == 1 }.flatMap { $0 }
            if !dots.isEmpty {
                out.append(Self.start("g", ["class": "markers", "fill": colour]))
                out += dots.map { Self.element("circle", ["cx": n(px($0.x)), "cy": n(py($0.y)), "r": "3"]) }
                out.append("</g>")
            }
        }
        out.append("</g>")

        if !entries.isEmpty {
            let x = right + PlotLayout.legendGap
            out.append(Self.start("g", ["class": "legend"]))
            out.append(Self.element("rect", ["x": n(x), "y": n(top), "width": n(legendWidth), "height": n(PlotLayout.legendPadding + PlotLayout.legendRow * Double(entries.count)),
                                             "fill": "white", "stroke": "#999999"]))
            for (i, entry) in entries.enumerated() {
                let (colour, dashes) = Self.style(i)
                let y = top + PlotLayout.legendRow * Double(i + 1)
                out.append(Self.start("g", ["class": "legend-entry"])
                    + Self.element("line", ["x1": n(x + PlotLayout.legendPadding), "y1": n(y - PlotLayout.tickLabelCentring), "x2": n(x + PlotLayout.legendLineEnd), "y2": n(y - PlotLayout.tickLabelCentring),
                                            "stroke": colour, "stroke-width": "2", "stroke-dasharray": dashes])
                    + Self.element("text", ["x": n(x + PlotLayout.legendTextStart), "y": n(y)], text: entry) + "</g>")
            }
            out.append("</g>")
        }
        if skipped > 0 {
            let note = "\(skipped) point\(skipped == 1 ? "" : "s") not drawn: nan/inf or ≤ 0 on a log axis"
            out.append(Self.element("text", ["class": "note", "x": n(left), "y": n(h - PlotLayout.noteBaseline), "font-size": "11", "fill": "#555555"],
                                    text: note))
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// A series's drawable points in axis coordinates, split into runs wherever a point
    /// cannot be drawn.
    private func drawableRuns(_ s: Series) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = [[]]
        for p in s.points {
            if let x = Axis.coordinate(of: p.x, on: xScale), let y = Axis.coordinate(of: p.y, on: yScale) {
                runs[runs.count - 1].append((x, y))
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        return runs.filter { !$0.isEmpty }
    }


    /// The Okabe–Ito palette without its yellow (too faint on white), in the order used.
    private static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// Colour and dash pattern of the `i`-th series: the palette cycles, dashed on later rounds.
    private static func style(_ i: Int) -> (colour: String, dashes: String) {
        (palette[i % palette.count], ["none", "8 4", "2 3"][(i / palette.count) % 3])
    }

    /// The start of a plot's SVG document: the XML declaration, the `<svg>` element, a white
    /// background and the title centred at the top.
    static func header(width w: Double, height h: Double, title: String) -> [String] {
        let n = number
        return [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            start("svg", ["xmlns": "http://www.w3.org/2000/svg", "width": n(w), "height": n(h),
                          "viewBox": "0 0 \(n(w)) \(n(h))", "font-family": "sans-serif", "font-size": "12"]),
            element("rect", ["width": n(w), "height": n(h), "fill": "white"]),
            element("text", ["class": "title", "x": n(w / 2), "y": n(PlotLayout.titleBaseline), "text-anchor": "middle",
                             "font-size": "16", "font-weight": "bold"], text: title),
        ]
    }

    /// `<name a="v" …>`, attribute values escaped and in the given order.
    static func start(_ name: String, _ attributes: KeyValuePairs<String, String>) -> String {
        "<" + name + attributes.map { " \($0.key)=\"\(Escaping.xml($0.value))\"" }.joined() + ">"
    }

    /// A whole element: self-closing without `text`, else holding `text` escaped.
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) -> String {
        guard let text else { return start(name, attributes).dropLast() + "/>" }
        return start(name, attributes) + Escaping.xml(text) + "</\(name)>"
    }

    /// `text` cut to `limit` characters, ending in `…` when cut.
    private static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : text.prefix(max(limit - 1, 1)) + "…"
    }

    /// `x` rounded to 2 decimals without trailing zeros (`12`, `3.5`, `-0.25`), locale-free;
    /// kept within ±1e9 so that an absurd coordinate cannot trap or print `inf`.
    static func number(_ x: Double) -> String {
        let hundredths = Int(((x.isFinite ? min(max(x, -1e9), 1e9) : 0) * 100).rounded())
        let (whole, cents) = (hundredths.magnitude / 100, hundredths.magnitude % 100)
        let sign = hundredths < 0 ? "-" : ""
        switch cents {
        case 0: return "\(sign)\(whole)"
        case _ where cents % 10 == 0: return "\(sign)\(whole).\(cents / 10)"
        default: return "\(sign)\(whole).\(cents < 10 ? "0" : "")\(cents)"
        }
    }
}

/// The measures of the plots (charts and the decision boundary), in pixels of the SVG.
enum PlotLayout {
    /// The smallest chart drawn.
    static let minimumWidth = 240.0, minimumHeight = 180.0
    /// Estimated width of one character of 12-pixel sans-serif text, generous for digits.
    static let charWidth = 7.0
    /// Baseline of the title, from the top.
    static let titleBaseline = 24.0
    /// The plot's frame: from the top, from the bottom (more when a note sits under the axis
    /// caption), from the right; from the left before the y tick labels.
    static let topMargin = 40.0, bottomMargin = 48.0, bottomMarginWithNote = 66.0, rightMargin = 16.0, leftMargin = 42.0
    /// Tick marks outside the frame.
    static let tickLength = 4.0
    /// Baselines of the x tick labels and of the x caption, below the frame.
    static let xTickLabelDrop = 18.0, xLabelDrop = 38.0
    /// The y tick labels: their gap from the frame, and the drop that centres 12-pixel text
    /// on its tick (also used for the legend's line samples); the y caption's centre.
    static let yTickLabelGap = 7.0, tickLabelCentring = 4.0, yLabelX = 16.0
    /// Baseline of the note under the plot, from the bottom.
    static let noteBaseline = 8.0
    /// The legend: its gap from the frame, the room of its line sample and padding, a row's
    /// height, the padding inside its box, where each line sample ends and its text starts.
    static let legendGap = 12.0, legendSample = 52.0, legendRow = 20.0, legendPadding = 10.0
    static let legendLineEnd = 36.0, legendTextStart = 42.0
    /// The decision boundary's frame (no legend): from the left before the tick labels, from the
    /// right, from the bottom; its y caption's centre; the radius of a training point.
    static let boundaryLeftMargin = 30.0, boundaryRightMargin = 20.0, boundaryBottomMargin = 54.0
    static let boundaryYLabelX = 14.0, pointRadius = 4.5
}
