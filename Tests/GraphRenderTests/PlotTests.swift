import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GraphRender

@Suite("Plot: SVG line charts")
struct PlotTests {
    /// One element of a parsed SVG: its name, attributes, text, and the classes of the
    /// elements around it (outermost first).
    struct Element {
        let name: String
        let attributes: [String: String]
        let text: String
        let enclosingClasses: [String]
        var cssClass: String? { attributes["class"] }
    }

    /// Every element of `svg`, in document order; throws when it is not well-formed XML.
    static func elements(_ svg: String) throws -> [Element] {
        let document = try XMLDocument(data: Data(svg.utf8))
        var found: [Element] = []
        func walk(_ node: XMLElement, _ classes: [String]) {
            let attributes = Dictionary(uniqueKeysWithValues: (node.attributes ?? []).compactMap { a in
                a.name.map { ($0, a.stringValue ?? "") }
            })
            found.append(Element(name: node.name ?? "", attributes: attributes, text: node.stringValue ?? "",
                                 enclosingClasses: classes))
            for case let child as XMLElement in node.children ?? [] {
                walk(child, classes + [attributes["class"]].compactMap { $0 })
            }
        }
        let root = try #require(document.rootElement())
        walk(root, [])
        return found
    }

    /// The labels of the ticks on one axis, bottom-to-top or left-to-right: the tick texts
    /// anchored `end` are the y axis, `middle` the x axis.
    static func tickLabels(_ elements: [Element], yAxis: Bool) -> [String] {
        elements.filter { $0.name == "text" && $0.enclosingClasses.contains("ticks")
            && $0.attributes["text-anchor"] == (yAxis ? "end" : "middle") }.map(\.text)
    }

    static let lossChart = Chart(
        title: "loss", xLabel: "step", yLabel: "loss", yScale: .log,
        series: [0.05, 0.5, 2.0].map { lr in
            Series(name: "lr = \(lr)", points: (0..<50).map { t in Point(Double(t), 0.01 + 5.99 * exp(-lr * Double(t))) })
        })

    static let gradCheckChart: Chart = {
        let hs = (1...16).map { pow(10, -Double($0)) }
        return Chart(title: "error vs h", xLabel: "h", yLabel: "error", xScale: .log, yScale: .log, series: [
            Series(name: "forward", points: hs.map { Point($0, $0 + 1e-16 / $0) }),
            Series(name: "central", points: hs.map { Point($0, $0 * $0 + 1e-16 / $0) }),
        ])
    }()

    @Test("the output is well-formed XML with an svg root, viewBox, size and sans-serif font")
    func parsesAsXML() throws {
        for chart in [Self.lossChart, Self.gradCheckChart] {
            let root = try #require(try Self.elements(chart.svg(width: 640, height: 400)).first)
            #expect(root.name == "svg")
            #expect(root.attributes["viewBox"] == "0 0 640 400")
            #expect(root.attributes["width"] == "640" && root.attributes["height"] == "400")
            #expect(root.attributes["font-family"] == "sans-serif")
        }
    }

    @Test("exactly one curve path per series, and a legend entry per series when there are two or more")
    func curvesAndLegend() throws {
        let elements = try Self.elements(Self.lossChart.svg())
        let curves = elements.filter { $0.cssClass == "curve" }
        #expect(curves.count == 3)
        #expect(curves.allSatisfy { $0.name == "path" })
        let entries = elements.filter { $0.cssClass == "legend-entry" }.map(\.text)
        #expect(entries == ["lr = 0.05", "lr = 0.5", "lr = 2.0"])

        let single = try Self.elements(Chart(title: "t", xLabel: "x", yLabel: "y",
                                             series: [Self.lossChart.series[0]]).svg())
        #expect(single.filter { $0.cssClass == "curve" }.count == 1)
        #expect(!single.contains { $0.cssClass == "legend" })
    }

    @Test("a log loss axis from 6.0 down to 0.01 is ticked at the powers of ten in between")
    func logTicksForLoss() throws {
        let labels = Self.tickLabels(try Self.elements(Self.lossChart.svg()), yAxis: true)
        #expect(labels == ["0.01", "0.1", "1"])
        #expect(Self.tickLabels(try Self.elements(Self.lossChart.svg()), yAxis: false) == ["0", "10", "20", "30", "40", "50"])
    }

    @Test("sixteen decades get at most 8 labels; labels switch to 1eN outside 0.01…100")
    func longLogAxis() throws {
        let elements = try Self.elements(Self.gradCheckChart.svg())
        let x = Self.tickLabels(elements, yAxis: false)
        #expect(x == ["1e-16", "1e-14", "1e-12", "1e-10", "1e-8", "1e-6", "1e-4", "0.01"])
        #expect(Self.tickLabels(elements, yAxis: true).contains("1"))
    }

    @Test("a log axis spanning under a decade still gets 3+ ticks: 1, 2, 5 × 10^k, else linear steps")
    func subDecadeLogAxis() throws {
        func labels(_ lo: Double, _ hi: Double) throws -> [String] {
            let chart = Chart(title: "", xLabel: "", yLabel: "", yScale: .log,
                              series: [Series(name: "s", points: [Point(0, lo), Point(1, hi)])])
            return Self.tickLabels(try Self.elements(chart.svg()), yAxis: true)
        }
        #expect(try labels(0.18, 1.2) == ["0.2", "0.5", "1"])
        #expect(try labels(0.15, 0.6) == ["0.2", "0.3", "0.4", "0.5", "0.6"])
    }

    @Test("tick labels: exact decimals without trailing zeros, 1eN beyond the plain range")
    func tickLabelFormat() {
        #expect(Axis.label(1, exponent: -3, logStyle: true) == "1e-3")
        #expect(Axis.label(1, exponent: -2, logStyle: true) == "0.01")
        #expect(Axis.label(10, exponent: 1, logStyle: true) == "100")
        #expect(Axis.label(1, exponent: 3, logStyle: true) == "1e3")
        #expect(Axis.label(5, exponent: -1, logStyle: false) == "0.5")
        #expect(Axis.label(20, exponent: 0, logStyle: false) == "20")
        #expect(Axis.label(-25, exponent: -1, logStyle: false) == "-2.5")
        #expect(Axis.label(25, exponent: -8, logStyle: false) == "2.5e-7")
        #expect(Axis.label(0, exponent: -8, logStyle: false) == "0")
        #expect(Axis(scale: .linear, covering: [0, 1]).ticks.map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    }

    @Test("linear axes get 4 to 8 ticks at 1, 2 or 5 × 10^k", arguments: [
        (0.0, 1.0), (-3.0, 7.0), (0.0, 49.0), (1e-7, 3e-7), (100.0, 100.5), (-1e6, 1e9),
    ])
    func niceLinearTicks(range: (Double, Double)) throws {
        let ticks = Axis(scale: .linear, covering: [range.0, range.1]).ticks
        #expect((4...8).contains(ticks.count), "\(ticks.map(\.label))")
        try #require(ticks.count >= 2)
        let step = ticks[1].position - ticks[0].position
        #expect(zip(ticks.dropFirst(), ticks).allSatisfy { abs($0.position - $1.position - step) <= 1e-9 * step })
        let mantissa = step / pow(10, floor(log10(step)))  // 9.99… when 0.1 comes out a hair short
        #expect([1.0, 2.0, 5.0, 10.0].contains { abs(mantissa - $0) < 1e-6 }, "step \(step)")
    }

    @Test("NaN, ±inf and ≤ 0 on a log axis are skipped, break the line, and are counted")
    func skippedPoints() throws {
        let ys: [Double] = [1, 1.5, .nan, 2, 2.5, 0, 3, -.infinity, 4, 5]
        let chart = Chart(title: "", xLabel: "", yLabel: "", yScale: .log,
                          series: [Series(name: "s", points: ys.enumerated().map { Point(Double($0.offset), $0.element) })])
        let elements = try Self.elements(chart.svg())
        let d = try #require(elements.first { $0.cssClass == "curve" }?.attributes["d"])
        #expect(d.filter { $0 == "M" }.count == 4)
        #expect(d.filter { $0 == "L" }.count == 3)
        let note = try #require(elements.first { $0.cssClass == "note" })
        #expect(note.text.hasPrefix("3 points not drawn"))
        let clean = Chart(title: "", xLabel: "", yLabel: "", series: [Series(name: "s", points: [Point(0, 1), Point(1, 2)])])
        #expect(!(try Self.elements(clean.svg())).contains { $0.cssClass == "note" })
    }

    @Test("a series with no drawable point keeps a legend entry and an empty path")
    func allNaNSeries() throws {
        for others in [[], [Series(name: "fine", points: [Point(0, 1), Point(1, 2)])]] {
            let chart = Chart(title: "", xLabel: "", yLabel: "",
                              series: others + [Series(name: "diverged", points: [Point(0, .nan), Point(1, .infinity)])])
            let elements = try Self.elements(chart.svg())
            #expect(elements.filter { $0.cssClass == "legend-entry" }.last?.text == "diverged (no finite points)")
            #expect(elements.filter { $0.cssClass == "curve" }.last?.attributes["d"] == "")
            #expect(elements.first { $0.cssClass == "note" }?.text.hasPrefix("2 points not drawn") == true)
        }
    }

    @Test("degenerate charts still get finite coordinates and a ticked axis (no nan/inf outside the note)", arguments: [
        Chart(title: "", xLabel: "", yLabel: "", series: [Series(name: "one", points: [Point(3, 3)])]),
        Chart(title: "", xLabel: "", yLabel: "", xScale: .log, yScale: .log, series: [Series(name: "one", points: [Point(1e-5, 7)])]),
        Chart(title: "", xLabel: "", yLabel: "", series: [Series(name: "flat", points: (0..<5).map { Point(Double($0), 0) })]),
        Chart(title: "", xLabel: "", yLabel: "", yScale: .log, series: [Series(name: "none", points: [Point(0, -1)])]),
        Chart(title: "", xLabel: "", yLabel: "", series: []),
    ])
    func degenerate(chart: Chart) throws {
        let svg = chart.svg()
        let drawing = svg.split(separator: "\n").filter { !$0.contains(#"class="note""#) }.joined().lowercased()
        #expect(!drawing.contains("nan") && !drawing.contains("inf"))
        let elements = try Self.elements(svg)
        #expect(Self.tickLabels(elements, yAxis: true).count >= 3)
        #expect(Self.tickLabels(elements, yAxis: false).count >= 3)
    }

    @Test("numbers carry at most 2 decimals")
    func numberPrecision() throws {
        for chart in [Self.lossChart, Self.gradCheckChart] {
            for element in try Self.elements(chart.svg()) {
                for (name, value) in element.attributes {
                    #expect(!value.contains(/\d\.\d{3}/), "\(element.name) \(name)=\(value)")
                }
            }
        }
    }

    @Test("the same chart always gives the same bytes")
    func deterministic() {
        #expect(Self.gradCheckChart.svg() == Self.gradCheckChart.svg())
        let again = Chart(title: "loss", xLabel: "step", yLabel: "loss", yScale: .log, series: Self.lossChart.series)
        #expect(again.svg() == Self.lossChart.svg())
    }

    @Test("text is XML-escaped and reads back unchanged")
    func escaping() throws {
        let name = #"a<b & "c""#
        let chart = Chart(title: name, xLabel: "x > 0", yLabel: "y", series: [
            Series(name: name, points: [Point(0, 1), Point(1, 2)]), Series(name: "other", points: [Point(0, 2)]),
        ])
        let svg = chart.svg()
        #expect(svg.contains("a&lt;b &amp; &quot;c&quot;"))
        #expect(!svg.contains("a<b"))
        let elements = try Self.elements(svg)
        #expect(elements.first { $0.cssClass == "title" }?.text == name)
        #expect(elements.first { $0.cssClass == "x-label" }?.text == "x > 0")
        #expect(elements.first { $0.cssClass == "legend-entry" }?.text == name)
    }
}
