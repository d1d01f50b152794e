import Testing
@testable import GraphRender
import Micrograd

@Suite("MLP pictures as compact as the lab's: the layer clusters in one row")
struct LayoutTests {
    /// The lab's own `draw_dot` picture of MLP(3,[4,4,1]) on [1, 2, 3], unclustered (Graphviz 2.42).
    static let labArea = 6710.0 * 1062.0

    /// Width and height in points, from the SVG's `<svg width="…pt" height="…pt"`.
    static func size(_ svg: String) throws -> (width: Double, height: Double) {
        func number(after key: String) throws -> Double {
            let start = try #require(svg.firstRange(of: key)).upperBound
            return try #require(Double(svg[start...].prefix { $0.isNumber || $0 == "." }))
        }
        return (try number(after: "<svg width=\""), try number(after: "height=\""))
    }

    @Test("op depth: the area is at most 1.25× the lab's", arguments: [ColorMode.role, .none])
    func compact(color: ColorMode) throws {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4, 4, 1], random: &random)
        let svg = String(decoding: try Picture.draw(mlp([1, 2, 3]), PictureRequest(style: DOTOptions(color: color))).bytes,
                         as: UTF8.self)
        let (width, height) = try Self.size(svg)
        #expect(width * height <= 1.25 * Self.labArea, "\(width) × \(height) pt")
        #expect(width > 2 * height, "one row, left to right")
    }

    @Test("each layer's parameters are tied to the layer before, so its cluster comes after it")
    func layerOrder() {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4, 4, 1], random: &random)
        let dot = DOTWriter.dot(Snapshot(of: mlp([1, 2, 3])))
        #expect(dot.components(separatedBy: " [style=invis]\n").count - 1 == 20 + 5, "layer 1's and layer 2's parameters")
        #expect(dot.hasPrefix("digraph {\n\tgraph [rankdir=LR \(DOTWriter.layerSpacing)]\n"))
        let g = Graph()
        #expect(!DOTWriter.dot(Snapshot(of: LabGraphs.warmUp(g))).contains("invis"), "no layers, no ties")
    }

    @Test("untied, the same picture has no invisible edges and the spacing of pictures without layers")
    func untied() {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4, 4, 1], random: &random)
        let document = DOTDocument(Snapshot(of: mlp([1, 2, 3])), options: DOTOptions())
        #expect(document.tiesLayers)
        #expect(!document.untied.tiesLayers)
        #expect(!document.untied.text.contains("invis") && !document.untied.text.contains(DOTWriter.layerSpacing))
        #expect(document.untied.nodeCount == document.nodeCount)
    }
}
