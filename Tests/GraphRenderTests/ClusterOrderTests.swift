@testable import GraphRender
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Deterministic pictures: the clusters in the order the DOT text names them")
struct ClusterOrderTests {
    /// The clusters' names in the order the SVG draws them.
    static func clusters(_ svg: String) -> [String] {
        svg.split(separator: "\n").filter { $0.hasPrefix("<title>cluster_") }
            .map { String($0.dropFirst("<title>".count).dropLast("</title>".count)) }
    }

    @Test("whatever this process allocated and freed before: cgraph orders subgraphs by the addresses of their names")
    func orderIgnoresTheHeap() throws {
        // Holes of the sizes of the names' blocks, freed low address first: malloc hands them out
        // last freed first, so names read from it would come out in reverse.
        let blocks = (0..<4000).map { malloc(24 + $0 % 64) }
        for block in blocks { free(block) }
        let names = (0..<60).map { "cluster_\($0)" }
        let dot = "digraph {\n" + names.enumerated().map { "subgraph \($1) { n\($0) }\n" }.joined() + "}\n"
        var budget = RenderBudget.standard
        budget.inProcess = true
        let svg = try Graphviz.render(dot: dot, format: "svg", budget: budget)
        #expect(Self.clusters(String(decoding: svg.bytes, as: UTF8.self)) == names)
    }
}
