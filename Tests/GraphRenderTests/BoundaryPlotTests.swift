import Testing
import Micrograd
@testable import GraphRender

@Suite("BoundaryPlot: a 2-input network's decision regions and its points")
struct BoundaryPlotTests {
    /// A network whose score is x0 - x1 exactly: a linear layer of one neuron, weights set by hand.
    static func diagonal() -> MLP {
        var random = PythonRandom(seed: 1)
        let mlp = MLP(2, [1], random: &random, activation: .linear, zeroBias: true)
        mlp.parameters[0].data = 1
        mlp.parameters[1].data = -1
        return mlp
    }

    static let points = Dataset(xs: [[0, 1], [1, 0], [0.5, 0.25]], ys: [-1, 1, 1])

    @Test("the grid covers the points' box ± 1 with resolution + 1 nodes per axis")
    func grid() {
        let plot = BoundaryPlot(model: Self.diagonal(), dataset: Self.points, resolution: 10)
        #expect(plot.grid.xs.count == 11 && plot.grid.ys.count == 11)
        #expect(plot.grid.xs.first == -1 && plot.grid.xs.last == 2)
        #expect(plot.grid.ys.first == -1 && plot.grid.ys.last == 2)
        #expect(plot.grid.scores[0 * 11 + 10] == 3, "(2, -1) scores 2 - (-1)")
    }

    @Test("one circle per point, coloured by class; cells cut by the boundary become polygons")
    func svg() throws {
        let svg = BoundaryPlot(model: Self.diagonal(), dataset: Self.points, resolution: 9).svg()
        let elements = try PlotTests.elements(svg)
        let circles = elements.filter { $0.name == "circle" }
        #expect(circles.map(\.cssClass) == ["negative", "positive", "positive"])
        #expect(Set(circles.filter { $0.cssClass == "positive" }.map { $0.attributes["fill"] }) == [BoundaryPlot.positiveColours.point])
        let positive = elements.filter { $0.enclosingClasses.last == "positive-region" }
        // The score is 0 on the diagonal's nodes, which are not positive: the 9 cells the diagonal
        // cuts are triangles and the 8 cells right of them touch it at one corner; rows 0 to 6 then
        // have whole positive cells, one rectangle each.
        #expect(positive.filter { $0.name == "polygon" }.count == 17)
        #expect(positive.filter { $0.name == "rect" }.count == 7)
        #expect(svg == BoundaryPlot(model: Self.diagonal(), dataset: Self.points, resolution: 9).svg(), "same input, same bytes")
    }

    @Test("a cut cell's polygon passes through the interpolated zero crossing")
    func smoothEdge() throws {
        let svg = BoundaryPlot(model: Self.diagonal(), dataset: Self.points, resolution: 1).svg(width: 300, height: 300)
        let polygons = try PlotTests.elements(svg).filter { $0.name == "polygon" }
        // One cell from (-1, -1) to (2, 2); the score x0 - x1 is 0 at the bottom-left and top-right
        // corners, so the positive part is the triangle below the diagonal: two corners plus one.
        #expect(polygons.count == 1)
        #expect(polygons[0].attributes["points"]?.split(separator: " ").count == 3)
    }
}
